"""Where in the image a caption word looked: its attention over the patch grid, laid over the picture."""

from __future__ import annotations

import numpy as np


def patch_heatmap(weights: np.ndarray, grid: tuple[int, int], size: tuple[int, int]) -> np.ndarray:
    """(height, width) float32 in [0, 1]: patch weights (row-major over `grid`) stretched over an image of
    `size` = (width, height). The model saw the picture resized to a square, so patch (r, c) covers the
    same fraction of the original image whatever its aspect ratio."""
    rows, columns = grid
    values = np.asarray(weights, dtype=np.float32).reshape(rows, columns)
    peak = float(values.max())
    values = values / peak if peak > 0 else values
    width, height = size
    row_of = np.minimum(np.arange(height) * rows // max(height, 1), rows - 1)
    column_of = np.minimum(np.arange(width) * columns // max(width, 1), columns - 1)
    return values[row_of[:, None], column_of[None, :]]


def blend(image_rgb: np.ndarray, heat: np.ndarray, strength: float = 0.6) -> np.ndarray:
    """The picture dimmed where the word did not look and tinted (warm) where it did."""
    from desktop_app.interpret.render import colours

    base = np.asarray(image_rgb, dtype=np.float32)
    tint = colours(heat).astype(np.float32)
    alpha = (strength * heat)[..., None]
    return (base * (1 - alpha) * (0.55 + 0.45 * heat[..., None]) + tint * alpha).clip(0, 255).astype(np.uint8)
