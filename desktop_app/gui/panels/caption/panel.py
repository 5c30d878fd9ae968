"""Caption: drop, open or paste images (or whole folders), caption them in batches, edit, export."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop_app.core import caption_formats
from desktop_app.core.errors import ErrorInfo
from desktop_app.core.events import JobCancelled, JobFailed, JobFinished, JobPartial
from desktop_app.core.i18n import QT_TR_NOOP, arg, number, tr
from desktop_app.core.options import options_of
from desktop_app.core.requests import CaptionRequest
from desktop_app.core.results import CaptionResult, ImageCaption
from desktop_app.core.tasks import Task
from desktop_app.gui.drops import local_files
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.panels.caption.options import CaptionOptions
from desktop_app.gui.panels.caption.table import CaptionTable, CaptionTableModel
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.thumbnails import ThumbnailLoader
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.layout import button, hbox, menu_button, vbox
from desktop_app.gui.widgets.model_hint import MissingModelHint
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.images.loading import IMAGE_SUFFIXES, image_files
from desktop_app.store.history import HistoryEntry
from desktop_app.store.model_store import ModelStore
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker

DROP_HINT = QT_TR_NOOP(
    "Drop images or folders here (or anywhere on the window), open them, or paste an image (Ctrl+V)."
)
IMAGE_PATTERNS = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)


class CaptionPanel(QWidget, JobPanel):
    cancel_button: QPushButton
    history_tasks = (Task.CAPTION,)
    translate_requested = Signal(str)  # the captions, a line each, for the Translate panel
    inspect_requested = Signal(object)  # ImageCaption: where its words looked, in the Attention panel

    def __init__(
        self,
        worker: InferenceWorker,
        settings: AppSettings,
        model_picker: ModelPicker,
        store: ModelStore,
        pasted_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.init_job(worker)
        self.settings = settings
        self.store = store
        self.pasted_dir = pasted_dir
        self.result: CaptionResult | None = None
        self.table_model = CaptionTableModel(self)
        self.thumbnails = ThumbnailLoader(parent=self)
        self.options = CaptionOptions(model_picker, settings)
        self._build()
        self.model_hint = MissingModelHint(worker, store, model_picker, self.banner, "caption", tr("image captioning"))
        self.model_hint.model_ready.connect(self._on_model_hint_model_ready)
        self.options.restore()
        self._connect()
        self.model_hint.check()
        self.update_state()

    # ---- layout -------------------------------------------------------------------------------------------
    def primary_button(self) -> QPushButton:
        return self.caption_button

    def _build(self) -> None:
        self.open_button = button(
            tr("Open &images…"),
            tr("Open image files (Ctrl+O); you can also drop files or folders here"),
            self.open_dialog,
            icon_name="folder-open",
        )
        self.folder_button = button(tr("Open fol&der…"), "", self.open_folder_dialog, icon_name="folder-plus")
        self.paste_button = button(
            tr("&Paste"),
            tr("Paste an image or image files from the clipboard (Ctrl+V)"),
            self.paste,
            icon_name="clipboard-paste",
        )
        self.batch_button = button(
            tr("Run as &batch job…"),
            tr("Caption these images, or a whole folder, on Ray: one results file, resumable"),
            self.open_batch_job,
            icon_name="layers",
        )
        self.clear_button = button(
            tr("C&lear"),
            tr("Remove all images from the list (Delete removes the selected ones)"),
            self.clear,
            icon_name="trash-2",
        )
        self.caption_button = button(
            tr("&Caption"),
            tr("Caption the images that have no caption yet (Ctrl+Enter)"),
            self.caption_pending,
            icon_name="image",
        )
        self.redo_button = button(tr("Caption selected a&gain"), "", self.caption_selected, icon_name="refresh-cw")
        self.cancel_button = button(
            tr("Ca&ncel"), tr("Stop captioning (Esc); finished captions stay"), self.cancel, icon_name="x"
        )
        self.table = CaptionTable(self.table_model)
        self.table_empty = EmptyState(self.table, tr("No images yet: each one shows here with its caption."))
        self.hint = QLabel(tr(DROP_HINT))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setMinimumHeight(120)
        self.hint.setObjectName("dropZone")
        self.copy_button = button(
            tr("C&opy"),
            tr("Copy the selected captions (all when none is selected)"),
            self.copy_captions,
            icon_name="copy",
        )
        self.export_button = menu_button(
            tr("E&xport ▾"),
            [(tr("Sidecar .txt beside each image"), "sidecar"), (tr("CSV…"), "csv"), (tr("JSON…"), "json")],
            self.export,
            icon_name="download",
        )
        self.translate_button = button(
            tr("&Translate captions ▸"),
            tr("Translate the selected captions (all when none is selected)"),
            self._on_translate_button_clicked,
            icon_name="languages",
        )
        self.inspect_button = button(
            tr("I&nspect ▸"),
            tr("See where each word of the selected caption looked in its image"),
            self._on_inspect_button_clicked,
            icon_name="scan-search",
        )
        self.stats = QLabel("")

        # Two rows of buttons: in one, with the options beside them, they made this the widest panel (1010 px),
        # and so the tabs too wide for the window's first size.
        inputs = vbox(
            hbox(self.open_button, self.folder_button, self.paste_button, None),
            hbox(self.clear_button, self.batch_button, None),
        )
        self.lay_out(
            hbox((vbox(inputs, (self.hint, 1)), 1), self.options),
            hbox(
                self.caption_button, self.redo_button, self.cancel_button, self.progress, (self.status, 1), self.stats
            ),
            (self.table, 1),
            hbox(self.copy_button, self.export_button, self.translate_button, self.inspect_button, None),
        )

    def _connect(self) -> None:
        self.thumbnails.loaded.connect(self.table_model.set_thumbnail)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_state())
        QShortcut(QKeySequence.StandardKey.Open, self, self.open_dialog)
        QShortcut(
            QKeySequence.StandardKey.Paste,
            self.table,
            self.paste,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.table,
            self.remove_selected,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    # ---- inputs ----------------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        folder = self.settings.get(Keys.caption_export_dir) or str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Open images"), folder, arg(tr("Images (%1);;All files (*)"), IMAGE_PATTERNS)
        )
        self.add_paths(paths)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Caption a folder of images"), self.settings.get(Keys.caption_export_dir) or str(Path.home())
        )
        if folder:
            self.add_paths([folder])

    def add_paths(self, paths: list[str], caption: bool = True) -> list[str]:
        """Add files and folders' images to the grid, and caption them (after the job running now, if any)."""
        if not paths:
            return []
        files = [str(p) for p in image_files(paths, recursive=self.settings.get(Keys.caption_recursive))]
        if not files:
            self.banner.show_message(tr("No images were found in what was dropped."), "warning")
            return []
        added = self.table_model.add_paths(files)
        self.thumbnails.request(added)
        self.hint.setText(tr("%n image(s). Drop more images or folders here.", None, len(self.table_model.rows)))
        if caption and added and not self.job.running:
            self.caption_paths(added)
        self.update_state()
        return added

    def paste(self) -> None:
        """An image on the clipboard is saved as a PNG (so it can be captioned, exported and reopened);
        copied files are added as they are."""
        files = local_files(QGuiApplication.clipboard().mimeData())
        if files:
            self.add_paths(files)
            return
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.banner.show_message(tr("The clipboard holds no image."), "info")
            return
        self.pasted_dir.mkdir(parents=True, exist_ok=True)
        target = self.pasted_dir / time.strftime("pasted-%Y%m%d-%H%M%S.png")
        if target.exists():
            target = target.with_stem(f"{target.stem}-{time.monotonic_ns() % 10_000}")
        if not image.save(str(target)):  # PNG, from the suffix
            self.banner.show_message(arg(tr("Could not save the pasted image to %1."), target), "error")
            return
        self.add_paths([str(target)])

    def remove_selected(self) -> None:
        """Delete: take the selected images off the list (not while they are being captioned)."""
        if not self.job.running:
            self.table_model.remove_paths(self.table.selected_paths())
            self.update_state()

    def clear(self) -> None:
        if self.job.running:
            self.cancel()
        self.table_model.clear()
        self.result = None
        self.hint.setText(tr(DROP_HINT))
        self.update_state()

    # ---- running ------------------------------------------------------------------------------------------
    def caption_pending(self) -> None:
        pending = [row.path for row in self.table_model.rows if row.state in ("waiting", "failed")]
        self.caption_paths(pending or [row.path for row in self.table_model.rows])

    def caption_selected(self) -> None:
        self.caption_paths(self.table.selected_paths())

    def open_batch_job(self) -> QDialog:
        """The listed images (or, with none, a folder) as a batch job with this panel's model and options."""
        from desktop_app.gui.dialogs.batch_dialog import open_batch_dialog

        request = self.options.request(["-"])
        options = {name: getattr(request, name) for name in options_of(CaptionRequest)}
        paths = [row.path for row in self.table_model.rows]
        return open_batch_dialog(self, "caption", tr("Caption"), paths, request.model, options)

    def caption_paths(self, paths: list[str]) -> None:
        if not paths or self.job.running:
            return
        self.save_state()
        request = self.options.request(paths)
        self.table_model.set_state(paths, "queued")
        if self.submit(request):
            self.model_hint.check()
        else:
            self.table_model.set_state(paths, "waiting")

    def save_state(self) -> None:
        self.options.save()

    def shutdown(self) -> None:
        super().shutdown()
        self.thumbnails.stop()

    def _on_model_hint_model_ready(self, _ref: str) -> None:
        """The model just arrived: caption what was already dropped."""
        if self.table_model.rows:
            self.caption_pending()

    # ---- results -----------------------------------------------------------------------------------------
    def current_captions(self, only_selected: bool = False) -> list[ImageCaption]:
        """The rows with a caption, with the user's edits: what copy and export write."""
        chosen = set(self.table.selected_paths()) if only_selected else set()
        return [
            row.as_caption()
            for row in self.table_model.rows
            if row.result is not None and (not chosen or row.path in chosen)
        ]

    def copy_captions(self) -> None:
        items = [item for item in self.current_captions(only_selected=True) if item.ok]
        QGuiApplication.clipboard().setText("\n".join(item.caption for item in items))
        self.status.setText(tr("Copied %n caption(s)", None, len(items)))

    def _on_inspect_button_clicked(self) -> None:
        item = next((i for i in self.current_captions(only_selected=True) if i.attention is not None), None)
        if item is not None:
            self.inspect_requested.emit(item)

    def _on_translate_button_clicked(self) -> None:
        captions = [item.caption for item in self.current_captions(only_selected=True) if item.ok and item.caption]
        if captions:
            self.translate_requested.emit("\n".join(captions))

    def export(self, fmt: str) -> None:
        """Export ▾: sidecar files beside the images, or one CSV or JSON file."""
        if fmt == "sidecar":
            self.export_sidecars()
            return
        folder = Path(self.settings.get(Keys.caption_export_dir) or Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self, arg(tr("Export %1"), fmt.upper()), str(folder / f"captions.{fmt}"), f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.export_to(Path(path), fmt)

    def export_sidecars(self, overwrite: bool = False) -> int:
        """photo.txt beside each photo.jpg; a .txt that is there already (the user's own caption) is kept, and
        the banner offers to replace it."""
        written, problems, kept = caption_formats.write_sidecars(self.current_captions(), overwrite=overwrite)
        if problems:
            self.banner.show_message(
                arg(tr("Could not write %n sidecar file(s), e.g. %1", None, len(problems)), problems[0]), "error"
            )
        elif kept:
            self.banner.show_message(
                arg(tr("Kept %n .txt file(s) that were there already (e.g. %1).", None, len(kept)), kept[0].name),
                "info",
                (tr("Replace them"), lambda: self.export_sidecars(overwrite=True)),
            )
        self.status.setText(tr("Wrote %n sidecar .txt file(s)", None, len(written)))
        return len(written)

    def export_to(self, path: Path, fmt: str) -> bool:
        exported = self.export_text(path, caption_formats.render(self.current_captions(), fmt))
        if exported:
            self.settings.set(Keys.caption_export_dir, str(path.parent))
        return exported

    def load_entry(self, entry: HistoryEntry) -> None:
        """Reopen a captioning job from history: its images (where they still are) and captions."""
        rows = [row for row in entry.outputs.get("captions", []) if isinstance(row, dict)]
        self.table_model.add_paths([str(row.get("path", "")) for row in rows])
        self.thumbnails.request([str(row.get("path", "")) for row in rows])
        for row in rows:
            error = row.get("error")
            info = ErrorInfo("invalid_request", str(error), str(row.get("hint", ""))) if error else None
            self.table_model.set_result(
                ImageCaption(
                    str(row.get("path", "")),
                    str(row.get("caption", "")),
                    float(row.get("seconds", 0.0)),
                    info,
                    tuple(row.get("notes", ())),
                )
            )
        self.options.show_entry({**entry.parameters, "prompt": entry.inputs.get("prompt", "")})
        self.banner.show_message(
            arg(tr("Reopened %n caption(s) from history (%1).", None, len(rows)), entry.status), "info"
        )
        self.update_state()

    # ---- job events -----------------------------------------------------------------------------------------
    def on_job_partial(self, event: JobPartial) -> None:
        for item in event.items:
            if isinstance(item, ImageCaption):
                self.table_model.set_result(item)

    def on_job_finished(self, event: JobFinished) -> None:
        self._finish(event.result, event.result.note or tr("Done"), go_on=True)

    def on_job_failed(self, event: JobFailed) -> None:
        self._finish(None, tr("Failed"))

    def on_job_cancelled(self, event: JobCancelled) -> None:
        partial = event.partial_result if isinstance(event.partial_result, CaptionResult) else None
        self._finish(partial, tr("Stopped"))

    def _finish(self, result: CaptionResult | None, status: str, go_on: bool = False) -> None:
        queued = [row.path for row in self.table_model.rows if row.state == "queued"]
        self.table_model.set_state(queued, "waiting")
        if result is not None:
            self.result = result
            self.stats.setText(_stats_text(result))
        self.update_state(status)
        if go_on:
            added_meanwhile = [row.path for row in self.table_model.rows if row.state == "waiting"]
            if added_meanwhile:  # dropped while this job ran: their turn now
                self.caption_paths(added_meanwhile)

    def refresh_controls(self) -> None:
        running, has_rows = self.job.running, bool(self.table_model.rows)
        has_captions = any(row.result is not None and row.result.ok for row in self.table_model.rows)
        self.caption_button.setEnabled(has_rows and not running)
        self.redo_button.setEnabled(not running and bool(self.table.selected_paths()))
        self.cancel_button.setEnabled(running)
        self.copy_button.setEnabled(has_captions)
        self.export_button.setEnabled(has_captions)
        self.translate_button.setEnabled(has_captions)
        self.inspect_button.setEnabled(has_captions)


def _stats_text(result: CaptionResult) -> str:
    done = sum(1 for item in result.items if item.ok)
    parts = [tr("%n captioned", None, done)]
    if result.failed:
        parts.append(tr("%n failed", None, len(result.failed)))
    rate = result.timings.get("images_per_s", 0.0)
    if rate > 0:
        parts.append(arg(tr("%1 images/s"), number(rate)))
    return " · ".join(parts)
