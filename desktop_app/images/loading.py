"""Read any image a person may drop (JPEG, PNG, WebP, GIF, TIFF, BMP...) as a modest RGB picture for models.

Every way a file can be wrong gets its own message: missing, empty, not an image, truncated, too large.
Huge images are decoded at a reduced scale where the format allows it (JPEG), and otherwise refused above a
memory budget, so one 20000 x 20000 picture cannot take the machine's memory. CMYK, 16-bit, palette and
alpha images become 8-bit RGB on white; an animation gives its first frame.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".ppm", ".pgm", ".jfif")
MAX_SIDE = 1024  # what is kept after loading: models resize to 224-384 px; the Attention overlay needs a bit more
MAX_DECODE_BYTES = 1_600_000_000  # a 20000 x 20000 RGB picture decodes to 1.2 GB; beyond this, refuse
_pil_limit_lock = threading.Lock()


@dataclass(frozen=True)
class LoadedImage:
    image: Any  # a PIL.Image.Image in RGB, at most MAX_SIDE on its longer side
    path: str
    original_size: tuple[int, int]  # (width, height) in the file
    notes: tuple[str, ...] = ()  # what was done to it: "downscaled", "first frame of 12", "CMYK converted"
    requested: str = ""  # the path as the caller gave it (before ~ expansion), to match results to requests


def image_files(paths: Sequence[str | Path], recursive: bool = True) -> list[Path]:
    """The files to caption: each file as given (so a wrong one gets its message) and the image files inside
    each folder, sorted. Hidden files and folders are skipped."""
    found: list[Path] = []
    for item in paths:
        path = Path(item).expanduser()
        if path.is_dir():
            pattern = path.rglob("*") if recursive else path.glob("*")
            found.extend(
                sorted(
                    p
                    for p in pattern
                    if p.suffix.lower() in IMAGE_SUFFIXES
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found


def load_image(path: str | Path, max_side: int = MAX_SIDE, requested: str = "") -> LoadedImage:
    from PIL import Image, UnidentifiedImageError

    path = Path(path).expanduser()
    _check_readable(path)
    notes: list[str] = []
    try:
        with _no_pil_pixel_limit(), Image.open(path) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
            if frames > 1:
                image.seek(0)
                notes.append(arg(tr("first frame of %1"), frames))
            if image.format == "JPEG" and max(width, height) > max_side:
                image.draft("RGB", (max_side, max_side))  # libjpeg decodes at 1/2, 1/4 or 1/8 scale: cheap
            if peak_bytes(image.mode, *image.size) > MAX_DECODE_BYTES:
                raise InvalidRequestError(
                    arg(tr("%1 is too large to open (%2 x %3 pixels, %4)."), path.name, width, height, image.mode),
                    hint=tr("Save a smaller copy, or as JPEG (which opens at reduced scale)."),
                )
            image.load()
            rgb = _to_rgb(_shrink(image, max_side), notes)
    except InvalidRequestError:
        raise
    except MemoryError as exc:  # this image only: the others in the batch go on
        raise InvalidRequestError(
            arg(tr("%1 is too large to open in the memory free now (%2 x %3)."), path.name, width, height),
            hint=tr("Close other programs, or save a smaller copy."),
        ) from exc
    except UnidentifiedImageError as exc:
        raise InvalidRequestError(
            arg(tr("%1 is not an image that can be read."), path.name),
            hint=tr("Use JPEG, PNG, WebP, GIF, BMP or TIFF files."),
            detail=str(exc),
        ) from exc
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidRequestError(
            arg(tr("%1 is truncated or corrupt."), path.name),
            hint=tr("Open it in an image viewer; save it again if it shows."),
            detail=str(exc),
        ) from exc
    if max(rgb.size) > max_side:
        rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    if max(width, height) > max_side:
        notes.append(arg(tr("downscaled from %1 x %2"), width, height))
    return LoadedImage(rgb, str(path), (width, height), tuple(notes), requested or str(path))


# Bytes per pixel as PIL holds each mode in memory: one for single 8-bit bands, two for 16-bit, and four for
# everything else (PIL keeps two- and three-band pictures in four bytes too).
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}
_NUMPY_SHRINK = ("I;16", "I;16L", "I;16B", "I;16N")  # PIL cannot reduce these: numpy takes every n-th pixel
_STRIP_ROWS = 512  # a large picture is shrunk a strip at a time: only a strip is ever copied


def peak_bytes(mode: str, width: int, height: int) -> int:
    """Memory to open an image: its decoded pixels at their real sample size. Shrinking works a strip at a
    time and every conversion after it works on the small picture, so nothing else is full size."""
    return width * height * _BYTES_PER_PIXEL.get(mode, 4)


def _shrink(image: Any, max_side: int) -> Any:
    """A large picture brought down to about twice `max_side` before any mode conversion (16-bit scaling,
    alpha over white), strip by strip: PIL's own reduce copies the whole picture first for some modes."""
    from PIL import Image

    factor = max(image.size) // (2 * max_side)
    if factor < 2:
        return image
    width, height = image.size[0] // factor, image.size[1] // factor
    out: Any = None
    step = _STRIP_ROWS // factor * factor or factor
    for top in range(0, height * factor, step):
        strip = image.crop((0, top, width * factor, min(top + step, height * factor)))
        if image.mode in _NUMPY_SHRINK:
            small = Image.fromarray(np.ascontiguousarray(np.asarray(strip)[::factor, ::factor]))
        elif image.mode in ("P", "1", "PA"):  # palette indices cannot be averaged
            small = strip.resize((width, strip.size[1] // factor), Image.Resampling.NEAREST)
        else:
            small = strip.reduce(factor)
        if out is None:
            out = Image.new(small.mode, (width, height))
            if image.mode == "P":
                out.putpalette(image.getpalette() or [])
                out.info = dict(image.info)
        out.paste(small, (0, top // factor))
    return out


def _to_rgb(image: Any, notes: list[str]) -> Any:
    """8-bit RGB of any mode; transparency is laid over white (what a viewer shows), not over black."""
    from PIL import Image

    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):  # 16-bit or float greyscale: scale, not clip
        values = np.asarray(image, dtype=np.float64)
        low, high = float(values.min()), float(values.max())
        scaled = (values - low) / (high - low) * 255 if high > low else np.zeros_like(values)
        notes.append(arg(tr("%1 scaled to 8-bit"), mode))
        return Image.fromarray(scaled.astype(np.uint8)).convert("RGB")
    if mode == "CMYK":
        notes.append(tr("CMYK converted to RGB"))
    has_alpha = mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info)
    if has_alpha:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        notes.append(tr("transparency laid over white"))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InvalidRequestError(arg(tr("%1 does not exist."), path), hint=tr("It may have been moved or deleted."))
    if path.is_dir():
        raise InvalidRequestError(
            arg(tr("%1 is a folder, not an image."), path.name), hint=tr("Open the folder instead.")
        )
    if not path.is_file():  # a pipe or a device would block or never end
        raise InvalidRequestError(arg(tr("%1 is not a regular file."), path.name), hint=tr("Open an image file."))
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InvalidRequestError(
            arg(tr("%1 cannot be read: %2."), path.name, exc.strerror or exc), hint=tr("Check the file's permissions.")
        ) from exc
    if size == 0:
        raise InvalidRequestError(
            arg(tr("%1 is empty (0 bytes)."), path.name), hint=tr("The file was not saved completely.")
        )


@contextlib.contextmanager
def _no_pil_pixel_limit() -> Iterator[None]:
    """PIL refuses images over ~179 megapixels at open time, before draft mode could shrink them; this
    module applies its own budget (MAX_DECODE_BYTES) instead."""
    from PIL import Image

    with _pil_limit_lock:
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved
