"""Job progress on a QProgressBar: a fraction, or a busy indicator when the job cannot tell how far it is."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

STEPS = 1000


def show_fraction(bar: QProgressBar, fraction: float | None) -> None:
    if fraction is None:
        bar.setRange(0, 0)
    else:
        bar.setRange(0, STEPS)
        bar.setValue(int(fraction * STEPS))
