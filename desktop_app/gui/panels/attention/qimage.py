"""Numeric pictures (heatmaps, overlays, drawn explanations) as QImages for painting."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgb_image(rgb: np.ndarray) -> QImage:
    """An (H, W, 3) uint8 array as a QImage that owns its pixels (the array may go away after)."""
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
