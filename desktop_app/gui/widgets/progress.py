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


def progress_text(message: str, fraction: float | None) -> str:
    """The job's words and, when it can tell, how far it is: "Transcribing 1:00 of 5:00… 34%"; at the end,
    its last words alone ("Done")."""
    if fraction is not None and fraction >= 1.0:
        return message
    return message + "…" + ("" if fraction is None else f" {max(fraction, 0.0):.0%}")
