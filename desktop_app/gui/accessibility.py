"""What a screen reader needs beyond Qt's defaults: announcements, labels that reach the control they name, and
banners that are alerts.

- `announce()` sends a QAccessibleAnnouncementEvent (Qt 6.8): AT-SPI turns it into the "announcement" a
  screen reader speaks without moving the focus. Finished, failed and stopped jobs and the app's warnings go
  through it.
- `link_labels()`: a form row's label names the widget beside it, but when that widget is a composite (a
  model picker: a list and a button) the name must reach the list inside, which is its focus proxy. On Linux a
  list's accessible name is its current value; its label arrives as a "labelled by" relation, which only a
  buddy gives.
- `install()` gives MessageBanner the alert role, so a screen reader says "alert" and reads it when it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QComboBox, QLabel, QWidget

POLITE = QAccessible.AnnouncementPoliteness.Polite
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive

_interfaces: list[QAccessibleInterface] = []  # Qt keeps a pointer to each: Python must not free them


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Says `text` to a screen reader, after what it is saying (or at once, when `urgent`)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(ASSERTIVE if urgent else POLITE)
    send(event)


send = QAccessible.updateAccessibility  # the one door to the platform's accessibility bridge (AT-SPI on Linux)


def link_labels(root: QWidget) -> None:
    """Points every label whose buddy hands its focus to another widget at that widget (see above)."""
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        proxy = buddy.focusProxy() if buddy is not None else None
        if proxy is not None:
            label.setBuddy(proxy)
            buddy = proxy
        editor = buddy.lineEdit() if isinstance(buddy, QComboBox) else None
        if editor is not None and not editor.accessibleName():  # an editable list: the focus is in its text box
            editor.setAccessibleName(label.text().replace("&", ""))


class _Alert(QAccessibleWidget):
    """A banner as an alert: its name is its message."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.AlertMessage)

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            label = self.widget().findChild(QLabel)
            return label.text() if label is not None else ""
        return str(super().text(kind))


def _factory(class_name: str, thing: QObject) -> QAccessibleInterface | None:
    if class_name == "MessageBanner" and isinstance(thing, QWidget):
        interface = _Alert(thing)
        _interfaces.append(interface)  # one a banner: the panels' few, made once
        return interface
    return None


_installed = False


def install() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
