"""The app's images, read with importlib.resources from the installed `desktop_app.resources` package (the
repository's top-level `resources/` folder), so they are found from a checkout, a wheel or the bundle alike.

Interface icons are Lucide SVGs drawn in `currentColor`; they are painted in the palette's text colour (and
a dimmer one when disabled), so they suit a light or a dark theme."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop_app import APP_ID

ICON_SIZES = (16, 20, 24, 32, 48)  # what buttons, tabs and menus ask for; Qt scales between them
APP_ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # the freedesktop hicolor sizes drawn as PNGs


def resource(*parts: str) -> Traversable:
    place = files("desktop_app.resources")
    for part in parts:
        place = place.joinpath(part)
    return place


def icon_names() -> list[str]:
    return sorted(
        entry.name.removesuffix(".svg") for entry in resource("icons").iterdir() if entry.name.endswith(".svg")
    )


@cache
def app_icon() -> QIcon:
    """The application's icon: its PNGs at every hicolor size (read when a size is first drawn; Qt scales the
    512 px one for anything larger)."""
    made = QIcon()
    for size in APP_ICON_SIZES:
        png = resource("app", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
        if isinstance(png, Path):  # a file on disk (a checkout, a wheel, the bundle): Qt reads it when needed
            made.addFile(str(png), QSize(size, size))
        elif png.is_file():
            image = QImage()
            image.loadFromData(png.read_bytes(), "PNG")
            made.addPixmap(QPixmap.fromImage(image))
    return made


ICON_PROPERTY = "iconName"  # the Lucide name an icon was set from: painted again when the theme changes


def set_icon(target: QObject, name: str) -> None:
    """Give a button, an action or a tool button its icon by name, and remember the name for `refresh_icons`."""
    target.setProperty(ICON_PROPERTY, name)
    target.setIcon(icon(name))  # type: ignore[attr-defined]


def refresh_icons(root: QObject) -> None:
    """Every icon under `root` painted again in the current palette's colours (after a theme change)."""
    for child in [root, *root.findChildren(QObject)]:
        name = child.property(ICON_PROPERTY)
        if isinstance(name, str) and name and hasattr(child, "setIcon"):
            child.setIcon(icon(name))


def icon(name: str) -> QIcon:
    """An interface icon by its Lucide name (`icon("mic")`), in the current palette's colours."""
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return _icon(name, normal.name(), disabled.name())


def tinted_icon(name: str, colour: str) -> QIcon:
    """An icon in a colour of its own (on a banner's background), whatever the palette says."""
    return _icon(name, colour, colour)


@cache
def _icon(name: str, colour: str, disabled_colour: str) -> QIcon:
    svg = resource("icons", f"{name}.svg").read_bytes()
    return QIcon(_TintedSvg(svg, colour, disabled_colour))


class _TintedSvg(QIconEngine):
    """An icon painted when Qt first asks for a size and mode, then kept: at start only what is on screen is
    drawn (every size, scale and mode up front was 640 drawings, a fifth of the window's start)."""

    def __init__(self, svg: bytes, colour: str, disabled_colour: str) -> None:
        super().__init__()
        self.svg, self.colour, self.disabled_colour = svg, colour, disabled_colour
        self.drawn: dict[tuple[int, int, bool], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        ratio = max(1, round(scale))  # crisp on hi-dpi screens too
        disabled = mode == QIcon.Mode.Disabled
        key = (side, ratio, disabled)
        if key not in self.drawn:
            self.drawn[key] = _painted(self.svg, self.disabled_colour if disabled else self.colour, side, ratio)
        return self.drawn[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def availableSizes(self, mode: QIcon.Mode, state: QIcon.State) -> list[QSize]:  # type: ignore[override]
        return [QSize(size, size) for size in ICON_SIZES]

    def clone(self) -> QIconEngine:
        return _TintedSvg(self.svg, self.colour, self.disabled_colour)


def _painted(svg: bytes, colour: str, size: int, scale: int) -> QPixmap:
    pixmap = render_svg(svg.replace(b"currentColor", colour.encode()), size * scale)
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def render_svg(svg: bytes, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)
