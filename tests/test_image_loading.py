"""Reading images the way people have them: odd modes, animations, broken files, huge pictures."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.core.errors import InvalidRequestError
from desktop_app.images.loading import MAX_SIDE, image_files, load_image


def _rgb(path: Path, colour=(200, 30, 30), size=(64, 48), **options) -> Path:
    Image.new("RGB", size, colour).save(path, **options)
    return path


def test_modes_become_8_bit_rgb(tmp_path: Path):
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (40, 30), (0, 255, 255, 0)).save(cmyk)  # pure red in print colours
    loaded = load_image(cmyk)
    assert loaded.image.mode == "RGB" and "CMYK converted to RGB" in loaded.notes
    r, g, b = loaded.image.getpixel((5, 5))
    assert r > 200 and g < 60 and b < 60

    deep = tmp_path / "deep.png"
    Image.fromarray(np.tile(np.linspace(0, 65535, 64, dtype=np.uint16), (32, 1))).save(deep)
    loaded = load_image(deep)
    assert loaded.image.mode == "RGB"
    row = np.asarray(loaded.image)[0, :, 0]
    assert row[0] == 0 and row[-1] == 255 and 100 < row[32] < 160  # scaled, not clipped at 255

    alpha = tmp_path / "alpha.png"
    Image.new("RGBA", (20, 20), (0, 0, 255, 0)).save(alpha)  # fully transparent blue
    loaded = load_image(alpha)
    assert loaded.image.getpixel((3, 3)) == (255, 255, 255)  # over white, as a viewer shows it

    frames = [Image.new("RGB", (24, 24), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    gif = tmp_path / "anim.gif"
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=100)
    loaded = load_image(gif)
    assert "first frame of 3" in loaded.notes and loaded.image.getpixel((2, 2))[0] > 200


def test_large_images_are_downscaled(tmp_path: Path):
    big = _rgb(tmp_path / "big.png", size=(3000, 1000))
    loaded = load_image(big)
    assert max(loaded.image.size) == MAX_SIDE and loaded.original_size == (3000, 1000)
    assert loaded.image.size == (MAX_SIDE, round(MAX_SIDE / 3))
    assert any(note.startswith("downscaled") for note in loaded.notes)


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.png", b"", "is empty (0 bytes)"),
        ("notes.png", b"this is a text file, renamed", "is not an image"),
        ("header.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 10, "is not an image"),
    ],
)
def test_bad_files_say_what_is_wrong(tmp_path: Path, name: str, content: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidRequestError, match=re.escape(message)):
        load_image(path)


def test_truncated_missing_folder_and_broken_link(tmp_path: Path):
    whole = _rgb(tmp_path / "whole.png", size=(200, 200)).read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InvalidRequestError, match="truncated or corrupt"):
        load_image(cut)
    jpeg = _rgb(tmp_path / "whole.jpg", size=(300, 300), quality=90).read_bytes()
    (tmp_path / "cut.jpg").write_bytes(jpeg[:400])
    with pytest.raises(InvalidRequestError, match="truncated or corrupt"):
        load_image(tmp_path / "cut.jpg")
    with pytest.raises(InvalidRequestError, match="does not exist"):
        load_image(tmp_path / "nowhere.png")
    with pytest.raises(InvalidRequestError, match="is a folder"):
        load_image(tmp_path)
    (tmp_path / "link.png").symlink_to(tmp_path / "gone.png")
    with pytest.raises(InvalidRequestError, match="does not exist"):
        load_image(tmp_path / "link.png")


def test_folders_expand_to_their_images_and_files_stay_as_given(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for path in (tmp_path / "b.png", tmp_path / "a.JPG", tmp_path / "sub" / "c.webp", tmp_path / ".hidden" / "d.png"):
        _rgb(path) if path.suffix.lower() != ".webp" else Image.new("RGB", (8, 8)).save(path)
    (tmp_path / "readme.txt").write_text("not an image")
    assert [p.name for p in image_files([tmp_path])] == ["a.JPG", "b.png", "c.webp"]
    assert [p.name for p in image_files([tmp_path], recursive=False)] == ["a.JPG", "b.png"]
    assert image_files([tmp_path / "readme.txt"]) == [tmp_path / "readme.txt"]  # given: it gets its message


HUGE_SCRIPT = textwrap.dedent("""
    import sys
    from desktop_app.images.loading import load_image
    loaded = load_image(sys.argv[1])
    # VmHWM: this process's own peak (ru_maxrss would include the forking parent's peak on Linux)
    status = open("/proc/self/status").read()
    peak_mb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
    print(loaded.original_size[0], loaded.original_size[1], loaded.image.size[0], loaded.image.size[1], int(peak_mb))
""")


@pytest.fixture(scope="module")
def huge_jpeg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20000 x 20000 JPEG (1.2 GB once decoded), made in a child process so this one stays small."""
    path = tmp_path_factory.mktemp("huge") / "huge.jpg"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from PIL import Image; "
            "Image.new('RGB', (20000, 20000), (30, 90, 200)).save(sys.argv[1], quality=50)",
            str(path),
        ],
        check=True,
    )
    return path


def test_a_20000_pixel_jpeg_opens_small_without_a_memory_blow_up(huge_jpeg: Path):
    out = subprocess.run(
        [sys.executable, "-c", HUGE_SCRIPT, str(huge_jpeg)], check=True, capture_output=True, text=True
    ).stdout.split()
    width, height, kept_w, kept_h, peak_mb = map(int, out)
    assert (width, height) == (20000, 20000) and max(kept_w, kept_h) == MAX_SIDE
    # Decoding it whole would take 1,200 MB; draft mode decodes at 1/8 scale (19 MB).
    assert peak_mb < 300, f"peak memory {peak_mb} MB"


_PEAK = """
import resource, sys
from desktop_app.images.loading import load_image
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
image = load_image(sys.argv[1])
print(before * 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, image.image.size)
"""


@pytest.mark.parametrize(("mode", "fill"), [("I;16", 40000), ("RGBA", (10, 20, 30, 128)), ("RGB", (1, 2, 3))])
def test_memory_to_open_a_huge_image_is_its_pixels_and_no_full_size_copy(tmp_path, mode, fill):
    """A 9000 x 9000 picture: opening it costs its decoded pixels (at their real sample size) and strips,
    never a second full-size copy for shrinking or converting."""
    from desktop_app.images.loading import peak_bytes

    path = tmp_path / "huge.png"
    Image.new(mode, (9000, 9000), fill).save(path, compress_level=1)
    done = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before, after, size = done.stdout.split(" ", 2)
    assert size.strip() == "(1024, 1024)"
    budget = peak_bytes(Image.open(path).mode, 9000, 9000)
    assert int(after) - int(before) < budget * 1.15 + 80 * 1024 * 1024, (int(after) - int(before)) / 1e6
