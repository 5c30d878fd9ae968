"""The Caption panel with the real trained model: real drops, the grid, edits, exports, paste, history."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

from desktop_app.gui.panels.caption.table import CAPTION
from tests.gui_helpers import drop_files, running_app

pytestmark = pytest.mark.slow


def _use_model(app, model_dir: Path):
    panel = app.window.show_panel("Caption")  # a hidden panel's banner reads as empty
    app.pickers["caption"].select_ref(str(model_dir))
    return panel


def _wait_done(qtbot, panel, rows: int) -> None:
    qtbot.waitUntil(
        lambda: (
            len(panel.table_model.rows) == rows
            and not panel.is_running
            and all(r.state in ("done", "failed") for r in panel.table_model.rows)
        ),
        timeout=60_000,
    )


def test_dropped_folder_is_captioned_edited_exported_and_reopened(qtbot, tiny_captioner_dir, shape_images, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    for path, _ in shape_images[:6]:
        (folder / path.name).write_bytes(path.read_bytes())
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with running_app(qtbot) as app:
        panel = _use_model(app, tiny_captioner_dir)
        assert not panel.banner.isVisible()  # the chosen model is there: no "how to add a model"
        drop_files(panel, [folder, bad])
        _wait_done(qtbot, panel, 7)
        model = panel.table_model
        expected = {path.name: caption for path, caption in shape_images[:6]}
        done = [r for r in model.rows if r.state == "done"]
        assert len(done) == 6 and sum(r.caption == expected[Path(r.path).name] for r in done) >= 5
        failed = model.row_of(str(bad))
        assert failed.state == "failed" and "is not an image" in model.data(model.index(6, 3))
        qtbot.waitUntil(lambda: all(r.thumbnail is not None for r in done), timeout=10_000)
        assert "6 captioned · 1 failed" in panel.stats.text()

        # the user fixes a caption; exports carry the edit
        assert model.setData(model.index(0, CAPTION), "a red circle on white", Qt.ItemDataRole.EditRole)
        assert "edited" in model.data(model.index(0, 3))
        assert panel.export_to(tmp_path / "captions.csv", "csv")
        rows = list(csv.DictReader((tmp_path / "captions.csv").open()))
        assert rows[0]["caption"] == "a red circle on white" and len(rows) == 7 and rows[6]["error"]
        assert panel.export_to(tmp_path / "captions.json", "json")
        assert json.loads((tmp_path / "captions.json").read_text())["captions"][0]["caption"] == "a red circle on white"
        assert panel.export_sidecars() == 6
        assert (folder / Path(model.rows[0].path).with_suffix(".txt").name).read_text() == "a red circle on white\n"
        panel.copy_captions()
        assert QGuiApplication.clipboard().text().splitlines()[0] == "a red circle on white"

        # the cross-attention is kept for the Attention panel
        assert done[0].result.attention is not None and done[0].result.attention.grid == (4, 4)

        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=5_000)
        entry = app.history.recent()[0]
        assert entry.task == "caption" and len(entry.outputs["captions"]) == 7
        panel.table.selectRow(6)
        panel.remove_selected()  # Delete
        assert len(model.rows) == 6 and model.row_of(str(bad)) is None
        panel.clear()
        app.history_view.entry_opened.emit(app.history.get(entry.id))
        assert len(model.rows) == 7 and model.rows[1].caption == expected[Path(model.rows[1].path).name]


def test_images_dropped_on_the_window_and_pasted_go_to_caption(qtbot, tiny_captioner_dir, shape_images):
    with running_app(qtbot) as app:
        _use_model(app, tiny_captioner_dir)
        app.window.show_panel("Chat")
        drop_files(app.window, [shape_images[0][0]])  # onto the main window, from another panel
        panel = app.panels.caption
        assert app.window.tabs.currentWidget() is panel
        _wait_done(qtbot, panel, 1)
        assert panel.table_model.rows[0].caption == shape_images[0][1]

        image = QImage(str(shape_images[1][0]))
        QGuiApplication.clipboard().setImage(image)
        panel.paste()
        _wait_done(qtbot, panel, 2)
        pasted = panel.table_model.rows[1]
        assert Path(pasted.path).parent == app.paths.pasted_images_dir and pasted.caption == shape_images[1][1]


def test_without_a_captioning_model_the_panel_says_how_to_add_one(qtbot, tmp_path):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Caption")
        panel.model_hint.check()
        assert "No image captioning model is installed" in panel.banner.text()
        assert "Model manager" in panel.banner.text()
        image = tmp_path / "x.png"
        QImage(8, 8, QImage.Format.Format_RGB32).save(str(image))
        panel.add_paths([str(image)])
        qtbot.waitUntil(lambda: not panel.is_running, timeout=30_000)
        assert "florence" in panel.banner.text().lower()  # the job's own error names the model it looked for
        assert panel.table_model.rows[0].state == "waiting"  # nothing lost: it can run once a model is added
