"""Screenshots of every panel in the light and the dark theme, into docs/screenshots/ (the README and the
AppStream data show some), and in Simplified Chinese (zh_CN-*.png). The window runs offscreen with the fake
runner, so no model is needed and the pictures are the same on every machine.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/take_screenshots.py [--language zh_CN]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DESKTOP_APP_HOME"] = tempfile.mkdtemp(prefix="screenshots-")

from PIL import Image  # noqa: E402
from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.app import Application  # noqa: E402
from desktop_app.gui.settings import AppSettings  # noqa: E402
from desktop_app.store.paths import AppPaths  # noqa: E402
from desktop_app.store.settings_schema import Keys  # noqa: E402
from tests.fakes import FakeRunner  # noqa: E402

TARGET = REPO / "docs" / "screenshots"
ANSWER = (
    "Use **slicing**, or `reversed()` for an iterator:\n\n```python\nitems = [1, 2, 3]\nprint(items[::-1])\n```\n\n"
    "- `items[::-1]` makes a *new* list\n- `items.reverse()` changes it in place"
)


def wait(app: QApplication, seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.02)


def save(pixmap: QPixmap, path: Path) -> None:
    pixmap.save(str(path))
    with Image.open(path) as picture:  # smaller files for the repository: a palette of 256 colours
        picture.convert("RGB").quantize(256).save(path, optimize=True)


CONTENT = {  # what a user of each language would have typed
    "en": (
        "How do I reverse a list in Python?",
        ANSWER,
        "The quick brown fox jumps over the lazy dog",
        "The white horse sings.\nThe red cat sleeps.",
    ),
    "zh_CN": (
        "如何在 Python 中反转一个列表？",
        "用**切片**，或者用 `reversed()` 得到迭代器：\n\n```python\nitems = [1, 2, 3]\nprint(items[::-1])\n```\n\n"
        "- `items[::-1]` 生成一个*新*列表\n- `items.reverse()` 原地修改它",
        "北京 是 中国 的 首都",
        "白马在唱歌。\n红猫在睡觉。",
    ),
}


def stage(app: Application, language: str) -> None:
    """Something in each panel, as a user would have it after a few minutes."""
    question_text, answer, inspected, translated = CONTENT[language]
    store = app.conversations
    chat = store.create("You are a helpful assistant.", "smollm2-135m-instruct")
    question = store.add(chat.id, None, "user", question_text)
    store.add(chat.id, question.id, "assistant", answer, {"seed": 1234, "new_tokens": 48, "tokens_per_s": 21.5})
    app.panels.chat.open_conversation(chat.id)
    attention = app.panels.attention
    attention.text.setPlainText(inspected)
    attention.run()
    translate = app.panels.translate
    translate.source.setPlainText(translated)
    app.panels.speech.open_files([str(_speech_like(Path(os.environ["DESKTOP_APP_HOME"]) / "interview.wav"))])


def _speech_like(path: Path) -> Path:
    """Three seconds of bursts and pauses, the shape of speech, for the Speech panel's waveform."""
    import numpy as np
    import soundfile

    rate = 16_000
    time_s = np.arange(3 * rate) / rate
    envelope = np.clip(np.sin(2 * np.pi * 1.3 * time_s), 0, None) ** 2 * (0.4 + 0.5 * np.sin(7 * time_s) ** 2)
    noise = np.random.default_rng(7).standard_normal(len(time_s))
    soundfile.write(path, (0.6 * envelope * noise).clip(-1, 1).astype(np.float32), rate)
    return path


def main() -> int:
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "en"
    prefix = "" if language == "en" else f"{language}-"
    qt = QApplication(sys.argv)
    paths = AppPaths.from_environment().ensure()
    AppSettings(paths.settings_file).set(Keys.language, language)
    app = Application(paths, runner_factory=FakeRunner, preload_models=False)
    app.start()
    app.window.resize(1280, 800)
    stage(app, language)
    wait(qt, 1.0)
    TARGET.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        app.choose_theme(theme)
        for index, key in enumerate(app.window.panels):
            app.window.tabs.setCurrentIndex(index)
            wait(qt, 0.4)
            path = TARGET / f"{prefix}{theme}-{key.lower()}.png"
            save(app.window.grab(), path)
            print(path.relative_to(REPO))
        dialog = app.open_getting_started()  # what is ready on the machine that takes them
        wait(qt, 0.4)
        path = TARGET / f"{prefix}{theme}-getting-started.png"
        save(dialog.grab(), path)
        dialog.close()
        print(path.relative_to(REPO))
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
