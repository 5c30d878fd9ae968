"""The architecture's import rules, checked by importing every module with the forbidden ones blocked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"
MODEL_SIDE = ("engines", "services", "core", "store", "audio", "images", "interpret")

_BLOCKER = """
import importlib, pkgutil, sys
blocked = {blocked!r}
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError(f"{{name}} may not be imported here")
sys.meta_path.insert(0, Blocker())
import desktop_app
for package in {packages!r}:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), package + "."):
        importlib.import_module(info.name)
        print(info.name)
"""


def _import_all(packages: list[str], blocked: set[str]) -> subprocess.CompletedProcess[str]:
    code = _BLOCKER.format(blocked=blocked, packages=packages)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_model_side_layers_never_import_qt():
    done = _import_all([f"desktop_app.{name}" for name in MODEL_SIDE] + ["desktop_app.cli"], {"PySide6", "shiboken6"})
    assert done.returncode == 0, done.stderr
    assert "desktop_app.engines.generation" in done.stdout


def test_gui_and_workers_never_import_torch_or_transformers_at_module_level():
    done = _import_all(["desktop_app.gui", "desktop_app.workers"], {"torch", "transformers", "huggingface_hub"})
    assert done.returncode == 0, done.stderr
    assert "desktop_app.gui.panels.chat.panel" in done.stdout


def test_the_window_path_does_not_import_torch():
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from PySide6.QtWidgets import QApplication; q = QApplication([])\n"
        "from desktop_app.app import Application; from desktop_app.store.paths import AppPaths\n"
        "a = Application(AppPaths.from_environment(), preload_models=False); a.window.show(); q.processEvents()\n"
        "print(sorted(m for m in ('torch', 'transformers', 'huggingface_hub') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("[]")


def test_no_gui_file_imports_heavy_modules_at_top_level():
    offenders = [
        str(path)
        for path in (PACKAGE / "gui").rglob("*.py")
        if any(
            line.startswith(("import torch", "from torch", "import transformers", "from transformers"))
            for line in path.read_text().splitlines()
        )
    ]
    assert offenders == []
