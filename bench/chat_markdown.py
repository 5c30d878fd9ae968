"""An answer streaming into the chat, batch by batch: what the window's message view costs a batch (the Markdown
rendered, the document laid out, the view painted), for answers of a few sizes, against rendering the whole
answer at every batch (what each batch cost before; still what a batch costs that adds more than words to an
answer with no settled mark yet), in the same run.

Each size: the answer shown up to 60 characters before its end, then 60 batches of one more character each, the
view repainted after each as the window paints it; the median batch. Goal: a batch costs the same at any length
(the longest answer's within 2× the shortest's).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/chat_markdown.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from desktop_app.gui.panels.chat.message_view import MessageText

PARAGRAPH = "The keeper climbed the stairs and lit the lamp, as he did **every night** of the year. " * 3 + "\n\n"
SIZES = (6, 30, 120)  # paragraphs: 1.5 KB, 7.7 KB, 31 KB
BATCHES = 60


def batch_ms(view: MessageText, answer: str, whole: bool) -> float:
    """The median time of a batch, streamed (`whole` False) or rendered whole at every batch."""
    show = view.show_text
    show(answer[: len(answer) - BATCHES], True)
    times = []
    for end in range(len(answer) - BATCHES + 1, len(answer) + 1):
        if whole:
            view._shown = None  # as if it had never shown the text before
        started = time.perf_counter()
        show(answer[:end], True)
        view.repaint()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from bench.common import final_line
    from desktop_app.gui.panels.chat.message_view import MessageText

    app = QApplication.instance() or QApplication([])
    figures: dict[str, object] = {}
    streamed: list[float] = []
    print(f"  {'answer':>8}{'streamed ms':>13}{'whole ms':>10}{'whole / streamed':>18}")
    for paragraphs in SIZES:
        answer = PARAGRAPH * paragraphs
        view = MessageText()
        view.resize(900, 600)
        view.show()
        app.processEvents()
        batch_ms(view, answer, whole=False)  # warm: the parser, the fonts
        fast, slow = batch_ms(view, answer, whole=False), batch_ms(view, answer, whole=True)
        streamed.append(fast)
        kb = round(len(answer.encode()) / 1024)
        print(f"  {kb:>6} KB{fast:>13.2f}{slow:>10.2f}{slow / fast:>17.1f}x")
        figures[f"streamed_{kb}kb_ms"] = round(fast, 2)
        figures[f"whole_{kb}kb_ms"] = round(slow, 2)
        view.close()
    growth = streamed[-1] / streamed[0]
    print(f"the longest answer's batch takes {growth:.2f}x the shortest's (goal: at most 2x)")
    figures["longest_over_shortest"] = round(growth, 2)
    final_line(
        "chat_markdown",
        "a streamed batch costs the same at any length (longest within 2x shortest)",
        growth <= 2,
        **figures,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
