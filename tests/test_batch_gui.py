"""Run as batch job… from the Caption panel, on a real local Ray: the panel's images, model and options go to
the job, the dialog shows files done, files per second and time left, Stop keeps every finished row and
Start again does the rest; the window stays free while it runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.batch.results_file import ResultsFile
from desktop_app.core.tasks import Task
from tests.batch_helpers import draw_pictures
from tests.gui_helpers import running_app


def test_the_caption_panels_images_run_as_a_batch_job(qtbot, tiny_captioner_dir: Path, tmp_path: Path):
    pictures = [str(path) for path, _ in draw_pictures(tmp_path / "pictures", 24)]
    (tmp_path / "pictures" / "broken.png").write_bytes(b"not a picture")
    with running_app(qtbot) as app:
        app.pickers[Task.CAPTION].select_ref(str(tiny_captioner_dir))
        panel = app.window.show_panel("Caption")
        panel.add_paths(pictures, caption=False)
        dialog = panel.open_batch_job()
        assert dialog.files.text() == "24 files" and dialog.model == str(tiny_captioner_dir)
        assert dialog.options["num_beams"] == panel.options.request(["-"]).num_beams
        out = tmp_path / "captions.parquet"
        dialog.out.setText(str(out))
        seen: list[str] = []
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.running and dialog.stop_button.isEnabled() and not dialog.start_button.isEnabled()
        assert app.window.isEnabled() and not panel.is_running  # it runs beside the panels, not in their worker

        def first_rows() -> bool:
            seen.append(dialog.status.text())
            return "files/s" in dialog.status.text()

        qtbot.waitUntil(first_rows, timeout=120_000)
        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
        stopped = dialog.summary
        assert any(" of 24 files · " in text and " s left" in text for text in seen)
        assert stopped is not None and stopped.done > 0
        kept = len(ResultsFile(out).rows())
        assert kept == stopped.done  # every finished row is in the file

        dialog.use_folder(str(tmp_path / "pictures"))  # the whole folder now, the broken file too
        assert dialog.files.text() == "25 files"
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.summary is not None and not dialog.running, timeout=180_000)
        summary = dialog.summary
        assert summary.skipped == kept and summary.done == 25 - kept and summary.errors == 1
        assert "1 failed" in dialog.status.text() and "Ray started in" in dialog.status.text()
        rows = ResultsFile(out).rows()
        assert sorted(row.input for row in rows) == sorted([*pictures, str(tmp_path / "pictures" / "broken.png")])
        dialog.close()
