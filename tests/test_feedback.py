"""What long work and empty places tell the user: one growing percentage, a file's waveform as it is read,
text in empty tables, the attention colour key, and the page of which tasks are ready (fast parts)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QProgressBar, QTableWidget, QVBoxLayout, QWidget

from desktop_app.audio.overview import PeakOverview
from desktop_app.core.context import JobContext
from desktop_app.core.results import AudioOverview, TranscriptSegment
from desktop_app.gui.panels.attention.legend import RAMP_WIDTH, ColourLegend
from desktop_app.gui.panels.speech.file_waveform import FileWaveform
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.progress import STEPS, progress_text, show_fraction
from desktop_app.interpret.render import colours
from tests.gui_helpers import left_press


@pytest.mark.parametrize("total,columns", [(100_003, 1200), (500, 1200), (1200, 1200), (7, 3)])
def test_the_overview_holds_the_loudest_sample_of_each_stretch_whatever_the_blocks(total: int, columns: int):
    rng = np.random.default_rng(total)
    samples = rng.uniform(-1, 1, total).astype(np.float32) * rng.uniform(0, 1, total).astype(np.float32)
    cuts = np.sort(rng.choice(np.arange(1, total), size=min(9, total - 1), replace=False))
    overview = PeakOverview(total, 16_000, columns)
    blocks = list(overview.follow(np.split(samples, cuts)))
    assert np.array_equal(np.concatenate(blocks), samples)  # passed on unchanged
    shown = overview.columns
    expected = [np.abs(samples[-(-c * total // shown) : -(-(c + 1) * total // shown)]).max() for c in range(shown)]
    assert np.allclose(overview.peaks, expected)
    snapshot = overview.snapshot()
    assert snapshot.read_s == pytest.approx(total / 16_000) and len(snapshot.peaks) == shown


def test_a_stage_maps_its_fractions_into_the_whole_and_shares_cancel_and_notices():
    seen: list[tuple[str, float | None]] = []
    ctx = JobContext(on_progress=lambda m, f: seen.append((m, f)))
    first, rest = ctx.stage(0.0, 0.1), ctx.stage(0.1, 1.0)
    first.progress("Finding speech", 0.5)
    rest.progress("Transcribing", 0.5)
    rest.progress("Loading", None)
    assert seen == [("Finding speech", 0.05), ("Transcribing", pytest.approx(0.55)), ("Loading", None)]
    rest.notice("scaled down")
    assert ctx.notices == ["scaled down"]
    ctx.cancel_event.set()
    assert first.cancelled and rest.cancelled


def test_progress_text_says_how_far():
    assert progress_text("Transcribing 1:00 of 5:00", 0.2) == "Transcribing 1:00 of 5:00… 20%"
    assert progress_text("Loading", None) == "Loading…"
    assert progress_text("Done", 1.0) == "Done"


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_a_fraction_shown_is_painted_with_the_window_next_pass_not_at_once(qtbot):
    """QProgressBar.setValue paints at once, and the window's other waiting changes with it: a pass of its own at
    every batch of a streamed answer, for each bar showing it."""
    window = QWidget()
    qtbot.addWidget(window)
    bar = QProgressBar()
    QVBoxLayout(window).addWidget(bar)
    with qtbot.waitExposed(window):
        window.show()
    paints = _Paints()
    bar.installEventFilter(paints)
    for fraction in (0.1, 0.5, 0.9):
        show_fraction(bar, fraction)
        assert paints.count == 0 and bar.value() == int(fraction * STEPS)
    qtbot.waitUntil(lambda: paints.count == 1)  # once, with the window's next pass
    assert bar.updatesEnabled()


def test_the_file_waveform_shows_what_is_done_and_a_click_gives_a_time(qtbot):
    view = FileWaveform()
    qtbot.addWidget(view)
    view.resize(400, 64)
    view.show()
    view.show_overview(AudioOverview(10.0, tuple([0.9] * 400), 10.0))
    view.add_segments([TranscriptSegment(0.0, 5.0, "first half")])
    assert view.done_s == 5.0 and "50% transcribed" in view.accessibleDescription()
    image = view.grab().toImage()
    done, waiting = image.pixelColor(100, 32), image.pixelColor(300, 32)
    palette = view.palette()
    assert done == palette.highlight().color()  # the transcribed part in the accent colour
    assert waiting not in (done, palette.base().color())  # the rest drawn, greyed
    with qtbot.waitSignal(view.time_clicked) as clicked:
        view.mousePressEvent(left_press(300, view.height() / 2))
    assert clicked.args[0] == pytest.approx(7.5, abs=0.05)


def test_an_empty_table_says_why_and_is_quiet_once_it_has_rows(qtbot):
    table = QTableWidget(0, 2)
    qtbot.addWidget(table)
    table.resize(300, 200)
    table.show()
    empty = EmptyState(table, "Nothing yet: results show here.")
    assert empty.isVisible() and table.accessibleDescription() == "Nothing yet: results show here."
    assert empty.geometry().width() > 200  # spread across the viewport, centred
    table.setRowCount(1)
    assert not empty.isVisible() and table.accessibleDescription() == ""
    table.setRowCount(0)
    assert empty.isVisible()


def test_the_colour_key_uses_the_views_colours_and_says_its_scale(qtbot):
    legend = ColourLegend()
    qtbot.addWidget(legend)
    assert legend.isHidden()  # nothing to explain yet
    legend.set_scale(0.4321, "how strongly each token attends")
    legend.resize(600, legend.sizeHint().height())
    assert not legend.isHidden()
    assert "0.432" in legend.accessibleDescription() and "attends" in legend.accessibleDescription()
    image = legend.grab().toImage()
    y = image.height() // 2
    row = [image.pixelColor(x, y) for x in range(image.width())]
    low, high = (QColor(*colours(np.array(v)).tolist()) for v in (0.0, 1.0))
    first = next(i for i, c in enumerate(row) if c == low)
    assert row[first + RAMP_WIDTH - 1] == high
    legend.set_scale(None, "each word to its own peak")
    assert "yellow peak" in legend.accessibleDescription()
