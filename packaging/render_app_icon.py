"""Draw the application icon's PNGs at the freedesktop hicolor sizes from its SVG, into resources/app/hicolor.
Run it after changing the SVG, and commit the PNGs (they are small; building the package needs no renderer).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_app_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from desktop_app import APP_ID
from desktop_app.gui.resources import APP_ICON_SIZES, render_svg

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "app"


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841  # QPixmap needs a GUI application
    svg = (RESOURCES / f"{APP_ID}.svg").read_bytes()
    for size in APP_ICON_SIZES:
        target = RESOURCES / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render_svg(svg, size).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(RESOURCES.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
