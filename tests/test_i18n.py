"""Simplified Chinese, and every string on the way to it: a pseudo-locale that marks each translated string
finds none unmarked in any panel or dialog; the zh_CN translation is complete and current; the window
starts in Chinese from the settings, numbers and Qt's own buttons included."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core import i18n
from desktop_app.gui import language
from desktop_app.store.settings_schema import Keys
from tests.fakes import FakeRunner
from tests.gui_helpers import every_dialog, run_a_job_in_every_panel, running_app
from tests.ui_walk import all_texts

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))
import translations  # noqa: E402  (packaging/translations.py)

OPEN, CLOSE = "⟦", "⟧"
# What the window shows that is data, not interface: model names and ids, language codes, shortcuts, times,
# numbers, file patterns. Everything else must have come through tr().
DATA = re.compile(
    r"^("
    r"[^A-Za-z]*"  # numbers, times, sizes, glyphs
    r"|/.*"  # paths
    r"|[\d.]+ \(PySide6 [\d.]+\)|Python|Qt|torch|transformers"  # versions, in About
    r"|[A-Z]{3,4}…?"  # file formats
    r"|[a-z]{2,3}(_[A-Z][a-z]{3})?"  # language codes
    r"|(Ctrl|Alt|Shift|F\d+|Esc|Del)[+\w]*"  # shortcuts
    r"|.*(SmolLM|Qwen|Whisper|whisper|BLIP|Florence|SmolVLM|Marian|opus-mt|NLLB|M2M100|MiniLM|SigLIP|CLIP)\S*.*"
    r"|CPU|CUDA GPU|English|简体中文|Desktop AI Workbench|Markdown"
    r"|default|pulse|sysdefault|.*\(hw:.*"  # sound devices
    r")$"
)


class PseudoTranslator(QTranslator):
    """Answers every lookup with the source between marks, so a string that skipped tr() stands out."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"{OPEN}{source}{CLOSE}"


def _pseudo_install(_choice: str) -> QLocale:
    app = QCoreApplication.instance()
    translator = PseudoTranslator(app)
    app.installTranslator(translator)
    language._installed.append(translator)
    i18n.use(QCoreApplication.translate, i18n.plain_number)
    return QLocale.c()


def _unmarked(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts if OPEN not in text and not DATA.match(text)]


def test_a_pseudo_locale_finds_no_string_left_out_of_translation(qtbot, monkeypatch):
    monkeypatch.setattr(language, "install", _pseudo_install)
    with running_app(qtbot, FakeRunner) as app:
        texts = all_texts(app.window)
        texts += [("menu", a.text()) for a in app.window.menuBar().actions()]
        for open_dialog in every_dialog(app):
            dialog = open_dialog()
            texts += all_texts(dialog)
            dialog.close()
        unmarked = sorted(set(_unmarked(texts)))
        assert not unmarked, "\n".join(f"{where}: {text!r}" for where, text in unmarked)


def test_nor_after_a_job_in_every_panel(qtbot, monkeypatch, tmp_path):
    """The words a finished job leaves (statistics, statuses, notes, the chat's messages) are translated too."""
    monkeypatch.setattr(language, "install", _pseudo_install)
    with running_app(qtbot, FakeRunner) as app:
        run_a_job_in_every_panel(app, qtbot, tmp_path)
        texts: list[tuple[str, str]] = []
        for index in range(app.window.tabs.count()):
            app.window.tabs.setCurrentIndex(index)
            texts += all_texts(app.window)
        unmarked = sorted(set(_unmarked(texts)))
        assert not unmarked, "\n".join(f"{where}: {text!r}" for where, text in unmarked)


def test_the_chinese_translation_is_complete_and_current(tmp_path):
    assert translations.unfinished() == {}
    current = tmp_path / "current.ts"
    subprocess.run(
        [translations.tool("lupdate"), *translations.sources(), "-ts", str(current), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    wanted = {m.findtext("source") for m in ElementTree.parse(current).iter("message")}
    shipped = {m.findtext("source") for m in ElementTree.parse(translations.ts_file("zh_CN")).iter("message")}
    assert wanted - shipped == set(), "run `python packaging/translations.py update` and translate what is new"


def test_the_window_speaks_chinese_when_the_settings_say_so(qtbot, app_dirs):
    from desktop_app.gui.settings import AppSettings
    from desktop_app.store.paths import AppPaths

    AppSettings(AppPaths.from_environment().ensure().settings_file).set(Keys.language, "zh_CN")
    with running_app(qtbot, FakeRunner) as app:
        tabs = app.window.tabs
        assert [tabs.tabText(i) for i in range(tabs.count())] == ["对话", "翻译", "描述", "语音", "注意力", "融合"]
        assert [a.text() for a in app.window.menuBar().actions()][:2] == ["文件(&F)", "模型(&M)"]
        assert app.window.job_status.activity.text() == "就绪"
        assert i18n.tr("%n image(s)", None, 3) == "3 张图片"
        assert QLocale().name() == "zh_CN"
        # defaults that understand Chinese: Whisper base hears Mandarin, opus-mt zh-en reads it
        assert app.pickers["transcribe"].current_ref() == "whisper-base"
        assert app.pickers["translate"].current_ref() == "opus-mt-zh-en"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)  # Qt's own strings: qtbase_zh_CN
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


@pytest.mark.parametrize(("count", "words"), [(1, "Copied 1 caption"), (2, "Copied 2 captions")])
def test_english_counts_read_naturally(qtbot, count, words):
    with running_app(qtbot, FakeRunner):
        assert i18n.tr("Copied %n caption(s)", None, count) == words
