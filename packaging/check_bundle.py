"""`make package-test`: the packed bundle, as a user gets it. Unpack dist/desktop-app-*.tar.gz, install it
with its install.sh into a throw-away home, and check from the installed, frozen binary:

- (first, the wheel in the fresh virtualenv the bundle is frozen from: both entry points, its resources)
- the launcher entry and the AppStream file pass desktop-file-validate and appstreamcli validate --no-net;
- `desktop-app --version` answers this checkout's version;
- `desktop-app models list --json` lists the default models, ready offline;
- real jobs answer: `generate` and `transcribe` (voice activity on) with the default models;
- the window appears (offscreen) and quits;
- uninstall.sh removes every file install.sh put there, and nothing else.
Then it times the frozen app's start against the virtualenv's (bench/bundle_startup.py).

    .venv/bin/python packaging/check_bundle.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop_app import APP_ID, __version__  # noqa: E402
from desktop_app.core.tasks import Task  # noqa: E402
from desktop_app.services.evaluation_set import evaluation_set  # noqa: E402


def run(command: list[str], env: dict[str, str], timeout: int = 600) -> str:
    # Away from the checkout: `python -c` must import the installed package, not this folder's desktop_app.
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, cwd=tempfile.gettempdir())
    if done.returncode != 0:
        raise SystemExit(f"FAILED ({done.returncode}): {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


def main() -> int:
    # The unpacked bundle, its install and its profile hold about 2 GB: removed however the check ends.
    with tempfile.TemporaryDirectory(prefix="bundle-check-") as scratch:
        return check_all(Path(scratch))


def check_all(scratch: Path) -> int:
    # The wheel, installed into the fresh virtualenv the bundle was frozen from: both entry points, resources.
    venv = REPO / "build" / "bundle-venv" / "bin"
    plain = {**os.environ, "DESKTOP_APP_HOME": str(scratch / "wheel-check")}
    check(
        run([str(venv / "desktop-app-cli"), "--version"], plain).strip() == f"desktop-app {__version__}",
        "the wheel in a fresh virtualenv: desktop-app-cli --version",
    )
    check(
        run([str(venv / "desktop-app"), "--version"], plain).strip() == f"desktop-app {__version__}",
        "the wheel in a fresh virtualenv: desktop-app --version",
    )
    icons = run(
        [str(venv / "python"), "-c", "from desktop_app.gui.resources import icon_names; print(len(icon_names()))"],
        plain,
    )
    check(int(icons) > 20, f"the wheel's resources are installed ({icons.strip()} icons)")
    archives = sorted((REPO / "dist").glob(f"desktop-app-{__version__}-linux-*.tar.gz"))
    check(bool(archives), f"dist/ holds the bundle of version {__version__}")
    work = scratch / "bundle"
    work.mkdir()
    with tarfile.open(archives[-1]) as archive:
        archive.extractall(work, filter="tar")
    unpacked = next(work.iterdir())
    home = work / "home"
    prefix = home / ".local"
    env = {
        **os.environ,
        "HOME": str(home),
        "PREFIX": str(prefix),
        "DESKTOP_APP_HOME": str(work / "profile"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("DISPLAY", None)
    before = set() if not prefix.exists() else {p for p in prefix.rglob("*")}
    print(run(["bash", str(unpacked / "install.sh")], env).strip())
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    metainfo = prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    binary = prefix / "bin" / "desktop-app"
    check(
        binary.exists() and desktop.is_file() and metainfo.is_file(), "installed into ~/.local: bin, launcher, metainfo"
    )
    check((prefix / "share/icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file(), "the icon at the hicolor sizes")
    check(f"Exec={binary} %F" in desktop.read_text(), "the launcher runs the installed binary by its full path")
    run(["desktop-file-validate", str(desktop)], env)
    check(True, "desktop-file-validate")
    run(["appstreamcli", "validate", "--no-net", str(metainfo)], env)
    check(True, "appstreamcli validate --no-net")
    check(run([str(binary), "--version"], env).strip() == f"desktop-app {__version__}", f"--version is {__version__}")
    models = {row["ref"]: row for row in json.loads(run([str(binary), "models", "list", "--json"], env))}
    defaults = ("smollm2-135m-instruct", "whisper-tiny.en", "all-minilm-l6-v2")
    check(
        all(models[ref]["status"] in ("ready", "needs conversion") for ref in defaults),
        "models list --json: the default models are in the bundle",
    )
    answer = run([str(binary), "generate", "What is the capital of France?", "--max-new-tokens", "12"], env)
    check("Paris" in answer, f"generate with the default model answers: {answer.strip()!r}")
    speech = evaluation_set(Task.TRANSCRIBE)  # the gate's first spoken sentence: voice activity, then Whisper
    spoken = speech.transcripts()[0]
    heard = run([str(binary), "transcribe", speech.requests("")[0].audio_path], env).strip()
    check(
        heard.lower().rstrip(".") == spoken.lower().rstrip("."),
        f"transcribe with the default model and voice activity answers: {heard!r}",
    )
    gate = json.loads(run([str(binary), "models", "precision", "--task", "generate", "--json"], env))
    measured = {m["precision"]: m for m in gate["measures"]}
    check(
        all(name in measured and not measured[name]["failed"] for name in ("ct2_int8", "ort_float32", "ort_int4")),
        "models precision --task generate converts and runs CTranslate2 and ONNX Runtime GenAI in the bundle: "
        + ", ".join(f"{name} {m['failed'] or 'ran'}" for name, m in measured.items()),
    )
    question = "Who wrote Romeo and Juliet?"
    explained = json.loads(
        run([str(binary), "explain", question, "--method", "kernelshap", "--samples", "40", "--max-new-tokens", "6",
             "--json"], env)
    )  # fmt: skip
    check(
        explained["features"] == ["Who", "wrote", "Romeo", "and", "Juliet?"] and "kernelshap" in explained["scores"],
        "explain (captum, scikit-learn) runs in the bundle",
    )
    inspected = json.loads(run([str(binary), "attention", question, "--task", "generate", "--json"], env))
    check(bool(inspected.get("attribution")), "attention --task generate with attribution (captum) runs in the bundle")
    shown = run([str(binary)], {**env, "DESKTOP_APP_REPORT_SHOWN": "1", "DESKTOP_APP_QUIT_AFTER_MS": "300"})
    check("window-shown" in shown, "the window appears (offscreen) and quits")
    run(["bash", str(prefix / "lib" / "desktop-app" / "uninstall.sh")], env)
    caches = ("mimeinfo.cache", "icon-theme.cache")  # the desktop's own indexes of the folders, rebuilt
    left = {p for p in prefix.rglob("*") if (p.is_file() or p.is_symlink()) and p.name not in caches} - before
    check(not left, "uninstall.sh removed everything it installed" + (f" (left: {sorted(left)[:5]})" if left else ""))
    print(
        run(
            [
                sys.executable,
                str(REPO / "bench" / "bundle_startup.py"),
                str(unpacked / "lib" / "desktop-app" / "desktop-app"),
                "--runs",
                "5",
            ],
            {**env, "HOME": str(home)},
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
