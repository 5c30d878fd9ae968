"""Caption: drop, open or paste images (or whole folders), caption them in batches, edit, export."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import caption_formats
from desktop_app.core.errors import AppError, ErrorInfo
from desktop_app.core.results import (
    CaptionResult,
    ImageCaption,
    JobCancelled,
    JobFailed,
    JobFinished,
    JobPartial,
)
from desktop_app.gui.file_drops import accept_file_drag, local_files, take_dropped_files
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.thumbnails import ThumbnailLoader
from desktop_app.gui.widgets.caption_options import CaptionOptions
from desktop_app.gui.widgets.caption_table import CaptionTable, CaptionTableModel
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.gui.widgets.model_hint import MissingModelHint
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.images.loading import IMAGE_SUFFIXES, image_files
from desktop_app.store.history import HistoryEntry
from desktop_app.store.model_store import ModelStore
from desktop_app.store.output_files import write_text_whole
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker

DROP_HINT = "Drop images or folders here (or anywhere on the window), open them, or paste an image (Ctrl+V)."
FILE_FILTER = "Images (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES) + ");;All files (*)"

class CaptionPanel(QWidget):
    captions_ready = Signal(object)  # CaptionResult: for the Attention and Fusion panels
    translate_requested = Signal(str)  # the captions, a line each, for the Translate panel
    inspect_requested = Signal(object)  # ImageCaption: where its words looked, in the Attention panel

    def __init__(self, worker: InferenceWorker, settings: AppSettings, model_picker: ModelPicker,
                 store: ModelStore, pasted_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.settings = settings
        self.store = store
        self.pasted_dir = pasted_dir
        self.result: CaptionResult | None = None
        self.table_model = CaptionTableModel(self)
        self.thumbnails = ThumbnailLoader(parent=self)
        self.options = CaptionOptions(model_picker)
        self._build()
        self.job = PanelJob(worker, self.progress, self.status, self)
        self.model_hint = MissingModelHint(worker, store, model_picker, self.banner, "caption", "image captioning")
        self.model_hint.model_ready.connect(self._on_model_hint_model_ready)
        self.options.restore(settings)
        self._connect()
        self.model_hint.check()
        self._set_state()

    # ---- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.setAcceptDrops(True)
        self.banner = MessageBanner()
        self.open_button = QPushButton("Open images…")
        self.open_button.setToolTip("Open image files (Ctrl+O); you can also drop files or folders here")
        self.folder_button = QPushButton("Open folder…")
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Paste an image or image files from the clipboard (Ctrl+V)")
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Remove all images from the list (Delete removes the selected ones)")
        self.caption_button = QPushButton("Caption")
        self.caption_button.setToolTip("Caption the images that have no caption yet (Ctrl+Enter)")
        self.redo_button = QPushButton("Caption selected again")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop captioning (Esc); finished captions stay")
        self.table = CaptionTable(self.table_model)
        self.hint = QLabel(DROP_HINT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setMinimumHeight(120)
        self.hint.setStyleSheet("QLabel { border: 2px dashed palette(mid); border-radius: 8px; color: palette(dark);"
                                " padding: 12px; }")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the selected captions (all when none is selected)")
        self.export_button = QPushButton("Export ▾")
        menu = QMenu(self.export_button)
        for label, fmt in (("Sidecar .txt beside each image", "sidecar"), ("CSV…", "csv"), ("JSON…", "json")):
            menu.addAction(label).setData(fmt)
        menu.triggered.connect(self._on_export_menu_triggered)
        self.export_button.setMenu(menu)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.status = QLabel("")
        self.stats = QLabel("")

        inputs = QHBoxLayout()
        for button in (self.open_button, self.folder_button, self.paste_button, self.clear_button):
            inputs.addWidget(button)
        inputs.addStretch(1)
        run = QHBoxLayout()
        for control in (self.caption_button, self.redo_button, self.cancel_button, self.progress):
            run.addWidget(control)
        run.addWidget(self.status, 1)
        run.addWidget(self.stats)
        left = QVBoxLayout()
        left.addLayout(inputs)
        left.addWidget(self.hint, 1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.options)
        results = QHBoxLayout()
        results.addWidget(self.copy_button)
        results.addWidget(self.export_button)
        self.translate_button = QPushButton("Translate captions ▸")
        self.translate_button.setToolTip("Translate the selected captions (all when none is selected)")
        results.addWidget(self.translate_button)
        self.inspect_button = QPushButton("Inspect ▸")
        self.inspect_button.setToolTip("See where each word of the selected caption looked in its image")
        results.addWidget(self.inspect_button)
        results.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(run)
        layout.addWidget(self.table, 1)
        layout.addLayout(results)

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.open_dialog)
        self.folder_button.clicked.connect(self.open_folder_dialog)
        self.paste_button.clicked.connect(self.paste)
        self.clear_button.clicked.connect(self.clear)
        self.caption_button.clicked.connect(self.caption_pending)
        self.redo_button.clicked.connect(self.caption_selected)
        self.cancel_button.clicked.connect(self.cancel)
        self.copy_button.clicked.connect(self.copy_captions)
        self.translate_button.clicked.connect(self._on_translate_button_clicked)
        self.inspect_button.clicked.connect(self._on_inspect_button_clicked)
        self.thumbnails.loaded.connect(self.table_model.set_thumbnail)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._set_state())
        QShortcut(QKeySequence.StandardKey.Open, self, self.open_dialog)
        QShortcut(QKeySequence.StandardKey.Paste, self.table, self.paste,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.caption_pending)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)
        self.job.partial.connect(self._on_job_partial)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)

    # ---- inputs ----------------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = self.settings.get(Keys.caption_export_dir) or str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, "Open images", folder, FILE_FILTER)
        self.add_paths(paths)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Caption a folder of images",
                                                  self.settings.get(Keys.caption_export_dir) or str(Path.home()))
        if folder:
            self.add_paths([folder])

    def add_paths(self, paths: list[str], caption: bool = True) -> list[str]:
        """Add files and folders' images to the grid, and caption them (after the job running now, if any)."""
        if not paths:
            return []
        files = [str(p) for p in image_files(paths, recursive=self.settings.get(Keys.caption_recursive))]
        if not files:
            self.banner.show_message("No images were found in what was dropped.", "warning")
            return []
        added = self.table_model.add_paths(files)
        self.thumbnails.request(added)
        self.hint.setText(f"{len(self.table_model.rows)} images. Drop more images or folders here.")
        if caption and added and not self.job.running:
            self.caption_paths(added)
        self._set_state()
        return added

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths(take_dropped_files(event))

    def paste(self) -> None:
        """An image on the clipboard is saved as a PNG (so it can be captioned, exported and reopened);
        copied files are added as they are."""
        files = local_files(QGuiApplication.clipboard().mimeData())
        if files:
            self.add_paths(files)
            return
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.banner.show_message("The clipboard holds no image.", "info")
            return
        self.pasted_dir.mkdir(parents=True, exist_ok=True)
        target = self.pasted_dir / time.strftime("pasted-%Y%m%d-%H%M%S.png")
        if target.exists():
            target = target.with_stem(f"{target.stem}-{time.monotonic_ns() % 10_000}")
        if not image.save(str(target)):  # PNG, from the suffix
            self.banner.show_message(f"Could not save the pasted image to {target}.", "error")
            return
        self.add_paths([str(target)])

    def remove_selected(self) -> None:
        """Delete: take the selected images off the list (not while they are being captioned)."""
        if not self.job.running:
            self.table_model.remove_paths(self.table.selected_paths())
            self._set_state()

    def clear(self) -> None:
        if self.job.running:
            self.cancel()
        self.table_model.clear()
        self.result = None
        self.hint.setText(DROP_HINT)
        self._set_state()

    # ---- running ------------------------------------------------------------------------------------------
    def caption_pending(self) -> None:
        pending = [row.path for row in self.table_model.rows if row.state in ("waiting", "failed")]
        self.caption_paths(pending or [row.path for row in self.table_model.rows])

    def caption_selected(self) -> None:
        self.caption_paths(self.table.selected_paths())

    def caption_paths(self, paths: list[str]) -> None:
        if not paths or self.job.running:
            return
        self.options.save(self.settings)
        self.banner.hide()
        self.model_hint.check()
        self.table_model.set_state(paths, "queued")
        self.job.submit(self.options.request(paths))
        self._set_state()

    def cancel(self) -> None:
        self.job.cancel()

    def _on_model_hint_model_ready(self, _ref: str) -> None:
        """The model just arrived: caption what was already dropped."""
        if self.table_model.rows:
            self.caption_pending()

    # ---- results -----------------------------------------------------------------------------------------
    def current_captions(self, only_selected: bool = False) -> list[ImageCaption]:
        """The rows with a caption, with the user's edits: what copy and export write."""
        chosen = set(self.table.selected_paths()) if only_selected else set()
        return [row.as_caption() for row in self.table_model.rows
                if row.result is not None and (not chosen or row.path in chosen)]

    def copy_captions(self) -> None:
        items = [item for item in self.current_captions(only_selected=True) if item.ok]
        QGuiApplication.clipboard().setText("\n".join(item.caption for item in items))
        self.status.setText(f"Copied {len(items)} captions")

    def _on_inspect_button_clicked(self) -> None:
        item = next((i for i in self.current_captions(only_selected=True) if i.attention is not None), None)
        if item is not None:
            self.inspect_requested.emit(item)

    def _on_translate_button_clicked(self) -> None:
        captions = [item.caption for item in self.current_captions(only_selected=True) if item.ok and item.caption]
        if captions:
            self.translate_requested.emit("\n".join(captions))

    def _on_export_menu_triggered(self, action: QAction) -> None:
        fmt = str(action.data())
        if fmt == "sidecar":
            self.export_sidecars()
            return
        folder = Path(self.settings.get(Keys.caption_export_dir) or Path.home())
        path, _ = QFileDialog.getSaveFileName(self, f"Export {fmt.upper()}", str(folder / f"captions.{fmt}"),
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            self.export_to(Path(path), fmt)

    def export_sidecars(self, overwrite: bool = False) -> int:
        """photo.txt beside each photo.jpg; a .txt that is there already (the user's own caption) is kept, and
        the banner offers to replace it."""
        written, problems, kept = caption_formats.write_sidecars(self.current_captions(), overwrite=overwrite)
        if problems:
            self.banner.show_message(f"Could not write {len(problems)} sidecar files, e.g. {problems[0]}", "error")
        elif kept:
            self.banner.show_message(f"Kept {len(kept)} .txt files that were there already (e.g. {kept[0].name}).",
                                     "info", ("Replace them", lambda: self.export_sidecars(overwrite=True)))
        self.status.setText(f"Wrote {len(written)} sidecar .txt files")
        return len(written)

    def export_to(self, path: Path, fmt: str) -> bool:
        try:
            write_text_whole(path, caption_formats.render(self.current_captions(), fmt))
        except AppError as error:
            self.banner.show_message(f"{error.message} {error.hint}", "error")
            return False
        self.settings.set(Keys.caption_export_dir, str(path.parent))
        self.status.setText(f"Exported {path.name}")
        return True

    def load_entry(self, entry: HistoryEntry) -> None:
        """Reopen a captioning job from history: its images (where they still are) and captions."""
        rows = [row for row in entry.outputs.get("captions", []) if isinstance(row, dict)]
        self.table_model.add_paths([str(row.get("path", "")) for row in rows])
        self.thumbnails.request([str(row.get("path", "")) for row in rows])
        for row in rows:
            error = row.get("error")
            info = ErrorInfo("invalid_request", str(error), str(row.get("hint", ""))) if error else None
            self.table_model.set_result(ImageCaption(str(row.get("path", "")), str(row.get("caption", "")),
                                                     float(row.get("seconds", 0.0)), info,
                                                     tuple(row.get("notes", ()))))
        self.banner.show_message(f"Reopened {len(rows)} captions from history ({entry.status}).", "info")
        self._set_state()

    # ---- job events -----------------------------------------------------------------------------------------
    def _on_job_partial(self, event: JobPartial) -> None:
        for item in event.items:
            if isinstance(item, ImageCaption):
                self.table_model.set_result(item)

    def _on_job_finished(self, event: JobFinished) -> None:
        self._finish(event.result, event.result.note or "Done", go_on=True)

    def _on_job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self._finish(None, "Failed")

    def _on_job_cancelled(self, event: JobCancelled) -> None:
        partial = event.partial_result if isinstance(event.partial_result, CaptionResult) else None
        self._finish(partial, "Stopped")

    def _finish(self, result: CaptionResult | None, status: str, go_on: bool = False) -> None:
        queued = [row.path for row in self.table_model.rows if row.state == "queued"]
        self.table_model.set_state(queued, "waiting")
        if result is not None:
            self.result = result
            self.stats.setText(_stats_text(result))
            self.captions_ready.emit(result)
        self._set_state(status)
        if go_on:
            added_meanwhile = [row.path for row in self.table_model.rows if row.state == "waiting"]
            if added_meanwhile:  # dropped while this job ran: their turn now
                self.caption_paths(added_meanwhile)

    def _set_state(self, status: str | None = None) -> None:
        running, has_rows = self.job.running, bool(self.table_model.rows)
        has_captions = any(row.result is not None and row.result.ok for row in self.table_model.rows)
        self.caption_button.setEnabled(has_rows and not running)
        self.redo_button.setEnabled(not running and bool(self.table.selected_paths()))
        self.cancel_button.setEnabled(running)
        self.copy_button.setEnabled(has_captions)
        self.export_button.setEnabled(has_captions)
        self.translate_button.setEnabled(has_captions)
        self.inspect_button.setEnabled(has_captions)
        self.progress.setVisible(running)
        if status is not None:
            self.status.setText(status)

    @property
    def is_running(self) -> bool:
        return self.job.running


def _stats_text(result: CaptionResult) -> str:
    done = sum(1 for item in result.items if item.ok)
    parts = [f"{done} captioned"]
    if result.failed:
        parts.append(f"{len(result.failed)} failed")
    rate = result.timings.get("images_per_s", 0.0)
    if rate > 0:
        parts.append(f"{rate:.1f} images/s")
    return " · ".join(parts)
