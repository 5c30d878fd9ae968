"""A panel that is planned but not built yet: it says so plainly instead of pretending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPanel(QWidget):
    def __init__(self, title: str, what_it_will_do: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        heading = QLabel(f"<h2>{title}</h2>")
        body = QLabel(
            f"<p><b>Not built yet.</b> This panel is planned but does not work in this version.</p>"
            f"<p>When it is built: {what_it_will_do}</p>"
        )
        body.setWordWrap(True)
        body.setObjectName("placeholderText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 20, 80, 20)
        layout.addStretch(1)
        for label in (heading, body):
            # Full width, centred text: a wrapped label added with an alignment flag is sized too short.
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(2)

    def message(self) -> str:
        label = self.findChild(QLabel, "placeholderText")
        return label.text() if label else ""


PLANNED_PANELS: dict[str, str] = {
    "Fusion": "combine an image, a voice note and text in one prompt, rank images against texts, and compress "
    "models.",
}
