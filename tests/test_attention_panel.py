"""The Attention panel with the real MiniLM: run, move the layer and head, the head grid, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from tests.gui_helpers import running_app

pytestmark = pytest.mark.slow


def test_look_at_minilm_heads_and_export(qtbot, minilm_dir, tmp_path: Path):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Attention")
        panel.text.setPlainText("The quick brown fox jumps over the lazy dog.")
        panel.run()
        qtbot.waitUntil(lambda: panel.maps is not None and not panel.is_running, timeout=60_000)
        maps = panel.maps
        assert maps.weights.shape[:2] == (6, 12) and panel.layer.maximum() == 5 and panel.head.maximum() == 11
        assert "12 heads" in panel.status.text()

        panel.grid.head_chosen.emit(0, 2)  # a click on layer 0, head 2 in the model view
        panel.choose_head(0, 2)
        matrix, what = panel.current_view()
        assert what == "layer 0, head 2" and np.array_equal(panel.heatmap.matrix, matrix)
        n = len(maps.tokens)
        assert matrix[np.arange(1, n), np.arange(n - 1)].mean() > 0.9  # MiniLM's previous-token head

        panel.heatmap.resize(500, 500)
        assert panel.heatmap.cell_at(QPoint(95, 95)) == (0, 0)
        image = panel.heatmap.grab().toImage()
        colours = {image.pixel(x, y) for x in range(90, 500, 7) for y in range(90, 500, 7)}
        assert image.width() == 500 and len(colours) > 3

        panel.use_rollout.setChecked(True)
        assert panel.current_view()[1] == "rollout over all layers"
        assert np.allclose(panel.heatmap.matrix.sum(axis=1), 1.0, atol=1e-3)
        for fmt in ("png", "csv", "json"):
            assert panel.export_to(tmp_path / f"view.{fmt}", fmt)
        assert (tmp_path / "view.png").stat().st_size > 1000
        rows = list(csv.reader((tmp_path / "view.csv").open()))
        assert rows[0][1:] == list(maps.tokens) and len(rows) == n + 1
        assert json.loads((tmp_path / "view.json").read_text())["view"] == "rollout over all layers"


def test_empty_text_is_refused_with_a_message(qtbot):
    with running_app(qtbot) as app:
        panel = app.window.show_panel("Attention")
        panel.run()
        assert not panel.is_running and "Type a text" in panel.banner.text()
        assert not panel.export_button.isEnabled()
