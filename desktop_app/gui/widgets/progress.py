"""Job progress on a QProgressBar: a fraction, or a busy indicator when the job cannot tell how far it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QProgressBar

from desktop_app.core.requests import Request
from desktop_app.core.results import TokenDelta

STEPS = 1000


def show_fraction(bar: QProgressBar, fraction: float | None) -> None:
    if fraction is None:
        bar.setRange(0, 0)
    else:
        bar.setRange(0, STEPS)
        # setValue paints the bar at once (QWidget.repaint), and with it everything else waiting to be
        # painted in the window: a pass of its own for each bar, each batch of a streamed answer. With updates
        # off it is only marked, and painted in the window's next pass with the rest.
        bar.setUpdatesEnabled(False)
        bar.setValue(int(fraction * STEPS))
        bar.setUpdatesEnabled(True)


def progress_text(message: str, fraction: float | None) -> str:
    """The job's words and, when it can tell, how far it is: "Transcribing 1:00 of 5:00… 34%"; at the end,
    its last words alone ("Done")."""
    if fraction is not None and fraction >= 1.0:
        return message
    return message + "…" + ("" if fraction is None else f" {max(fraction, 0.0):.0%}")


def streamed_fraction(request: Request | None, items: tuple[Any, ...]) -> float | None:
    """How much of its length limit an answer streaming in has used, or None for other output. Its bar shows
    that instead of a busy indicator: the style animates a busy bar 30 times a second, each frame painted,
    a core's time taken from the model writing the answer, and the text coming in already says it is busy."""
    limit = getattr(request, "max_new_tokens", 0)
    deltas = [item for item in items if isinstance(item, TokenDelta)]
    if not deltas or not limit:
        return None
    return min(deltas[-1].token_count / limit, 1.0)
