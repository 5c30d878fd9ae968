"""What an installed app is made of: the wheel carries the resources and both entry points, every icon the
window asks for is in the icon set, the launcher and AppStream files validate, one version everywhere, and
Help ▸ About says what a bug report needs. (`make package-test` checks the frozen bundle itself.)"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from desktop_app import APP_ID, __version__
from desktop_app.gui.resources import APP_ICON_SIZES, icon_names
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO / "packaging" / "linux"


def test_the_wheel_holds_the_resources_and_both_entry_points(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("desktop_app-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"desktop_app/resources/icons/{name}.svg" for name in icon_names()} <= names
    assert "desktop_app/resources/icons/LICENSE" in names and f"desktop_app/resources/app/{APP_ID}.svg" in names
    assert {
        "desktop_app/resources/translations/desktop_app_zh_CN.qm",
        "desktop_app/resources/translations/desktop_app_en.qm",
    } <= names
    assert {f"desktop_app/resources/app/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in APP_ICON_SIZES} <= names
    entry_points = zipfile.ZipFile(wheel).read(f"desktop_app-{__version__}.dist-info/entry_points.txt").decode()
    assert "[gui_scripts]\ndesktop-app = desktop_app.__main__:main" in entry_points
    assert "[console_scripts]\ndesktop-app-cli = desktop_app.__main__:main" in entry_points


def test_the_icon_set_is_exactly_the_icons_the_window_asks_for():
    source = "\n".join(path.read_text() for path in (REPO / "desktop_app" / "gui").rglob("*.py"))
    asked = set(re.findall(r'icon\("([a-z0-9-]+)"', source)) | set(re.findall(r'icon_name="([a-z0-9-]+)"', source))
    asked |= set(re.findall(r'"[A-Z][a-z]+": "([a-z0-9-]+)"', source))  # TAB_ICONS
    assert asked <= set(icon_names()), asked - set(icon_names())  # none missing
    named = set(re.findall(r'"([a-z0-9-]+)"', source))
    assert set(icon_names()) <= named, set(icon_names()) - named  # and none carried for nothing


def test_the_application_icon_is_drawn_at_every_hicolor_size():
    for size in APP_ICON_SIZES:
        with Image.open(REPO / "resources" / "app" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"


@pytest.mark.parametrize(
    "command",
    [
        ["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
    ],
)
def test_the_launcher_entry_and_the_appstream_file_validate(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_one_version_and_one_id_everywhere():
    metainfo = ElementTree.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.find("launchable").text == f"{APP_ID}.desktop"
    assert metainfo.find("releases/release").get("version") == __version__  # the newest release first
    released = re.findall(r"^## (\S+)", (REPO / "CHANGELOG.md").read_text(), re.M)
    assert next(v for v in released if v != "Unreleased") == __version__  # "Unreleased" may sit above it
    desktop = (LINUX / f"{APP_ID}.desktop").read_text()
    assert f"Icon={APP_ID}\n" in desktop and "Exec=desktop-app %F\n" in desktop
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--version"], capture_output=True, text=True)
    assert done.stdout.strip() == f"desktop-app {__version__}"


def test_about_says_the_versions_the_device_and_the_folders(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        qtbot.waitUntil(lambda: app.runtime_info is not None, timeout=10_000)
        dialog = app.open_about()
        rows = dict(dialog.rows)
        assert rows["Version"] == __version__ and rows["Python"].count(".") == 2
        assert rows["torch"][0].isdigit() and rows["transformers"][0].isdigit() and "PySide6" in rows["Qt"]
        assert rows["Runs on"] == "cpu · 2 threads"  # what the worker reported
        assert rows["Data"] == str(app.paths.data_dir) and rows["Settings"] == str(app.paths.config_dir)
        dialog.copy_details()
        from PySide6.QtGui import QGuiApplication

        assert QGuiApplication.clipboard().text().splitlines()[1] == f"Version: {__version__}"
        dialog.close()


def test_files_given_to_the_program_open_in_the_window_and_words_are_commands(tmp_path):
    from desktop_app.__main__ import _all_files

    photo = tmp_path / "photo.png"
    photo.write_bytes(b"")
    assert _all_files([str(photo), str(tmp_path)])
    assert not _all_files(["generate", "hi"]) and not _all_files([str(photo), "--json"])
