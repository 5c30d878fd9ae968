"""The model manager and the panels' "no model" banners, driven as a user drives them, with the real worker:
folders added through the real file dialog land in their own panel; a Hub id is listed, filed and
downloaded; one click in a banner goes from no model to a result."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from tests.gui_helpers import running_app
from tests.test_hub_downloads import _repo_folder


def _choose_folder(qtbot, dialog, folder: Path) -> None:
    """What a person does: Add local folder…, pick the folder in the file dialog, press Choose."""
    dialog.folder_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.add_folder_button.click()
    qtbot.waitUntil(dialog.folder_dialog.isVisible, timeout=5_000)
    dialog.folder_dialog.selectFile(str(folder))
    dialog.folder_dialog.accept()


def _combo_refs(picker) -> list[str]:
    return [str(picker.combo.itemData(i)) for i in range(picker.combo.count())]


def test_added_folders_land_in_their_own_panel_and_generate_keeps_its_model(
    qtbot, tmp_path, tiny_captioner_dir, tiny_marian_dir, tiny_clip_dir
):
    marian = tmp_path / "opus-mt-en-es"  # a Marian's pair comes from its name when its tokenizer does not say
    shutil.copytree(tiny_marian_dir, marian)
    mystery = tmp_path / "mystery"
    shutil.copytree(tiny_clip_dir, mystery)
    (mystery / "config.json").write_text(json.dumps({"model_type": "something-new"}))
    with running_app(qtbot) as app:
        generate_model = app.pickers["generate"].current_ref()
        dialog = app.open_model_manager()
        qtbot.addWidget(dialog)
        for folder, task in ((tiny_captioner_dir, "caption"), (marian, "translate"), (tiny_clip_dir, "embed")):
            _choose_folder(qtbot, dialog, folder)
            assert app.pickers[task].current_ref() == str(folder), task
            assert "Added to" in dialog.hint.text()
            for other, picker in app.pickers.items():
                assert (str(folder) in _combo_refs(picker)) == (other == task), (task, other)
        assert app.pickers["generate"].current_ref() == generate_model
        panel = app.panels.translate
        assert (panel.source_lang.currentText(), panel.target_lang.currentText()) == ("en", "es")

        _choose_folder(qtbot, dialog, mystery)  # its config does not say: the person is asked
        qtbot.waitUntil(dialog.task_dialog.isVisible, timeout=5_000)
        dialog.task_dialog.setTextValue("Image-text embedding")
        dialog.task_dialog.accept()
        assert app.pickers["embed"].current_ref() == str(mystery)
        assert app.pickers["generate"].current_ref() == generate_model
        dialog.close()
    with running_app(qtbot) as again:  # remembered, still only in their own panels
        assert again.pickers["caption"].current_ref() == str(tiny_captioner_dir)
        assert str(tiny_captioner_dir) not in _combo_refs(again.pickers["generate"])


def test_a_hub_id_is_listed_filed_under_its_task_then_downloaded(qtbot, hub, tmp_path, tiny_marian_dir):
    from transformers import MarianMTModel

    state = MarianMTModel.from_pretrained(tiny_marian_dir).state_dict()
    hub.add_folder("tests/opus-mt-en-es", _repo_folder(tiny_marian_dir, tmp_path / "repo", state=state))
    with running_app(qtbot) as app:
        dialog = app.open_model_manager()
        qtbot.addWidget(dialog)
        dialog.add_hub_id("tests/opus-mt-en-es")
        qtbot.waitUntil(lambda: not dialog.job.running, timeout=30_000)
        assert "Added to Translation" in dialog.hint.text() and "Apache 2.0 licence" in dialog.hint.text()
        row = dialog.selected()
        assert (row.ref, row.task, row.status) == ("tests/opus-mt-en-es", "translate", "downloadable")
        assert dialog.download_button.isEnabled()
        dialog.download_button.click()
        qtbot.waitUntil(lambda: not dialog.job.running, timeout=60_000)
        assert "is ready" in dialog.hint.text(), dialog.hint.text()
        assert dialog.selected().status == "ready" and dialog.selected().source == "downloaded"
        assert app.pickers["translate"].current_ref() == "tests/opus-mt-en-es"
        dialog.close()


def test_one_click_in_the_banner_downloads_the_model_and_captions_what_was_dropped(
    qtbot, hub, tmp_path, tiny_captioner_dir, shape_images
):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Caption")
        app.pickers["caption"].select_ref("tests/shapes-captioner")
        panel.add_paths([str(shape_images[0][0])])  # the Hub has no such model yet: the job says so
        qtbot.waitUntil(lambda: not panel.is_running, timeout=30_000)
        assert "There is no model 'tests/shapes-captioner'" in panel.banner.text()
        assert panel.table_model.rows[0].state in ("waiting", "failed")

        hub.add_folder("tests/shapes-captioner", tiny_captioner_dir)
        panel.model_hint.check()
        banner = panel.banner
        assert "No image captioning model is installed" in banner.text()
        assert banner.action.isVisible() and banner.action.text() == "Download tests/shapes-captioner"
        banner.action.click()
        assert banner.action.text() == "Cancel download" and banner.progress.isVisible()
        qtbot.waitUntil(lambda: panel.table_model.rows[0].caption == shape_images[0][1], timeout=60_000)
        assert not banner.isVisible() or "installed" not in banner.text()
        assert app.pickers["caption"].current_ref() == "tests/shapes-captioner"


def test_the_banner_offers_the_catalog_default_with_its_size_and_licence(qtbot, hub):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Translate")
        panel.model_hint.check()
        text = panel.banner.text()
        assert "NLLB-200 distilled 600M" in text and "2.4 GB" in text
        assert "CC BY-NC 4.0 (non-commercial) licence" in text
        assert panel.banner.action.text() == "Download NLLB-200 distilled 600M (200 languages) (2.4 GB)"
