"""Runs the benchmarks one after another (or the ones named), shows their output as it comes, and writes each
one's final JSON line into the table in the README's Benchmarks section, with the date, the machine and the
command, so that runs can be compared. A bench that fails or prints no JSON line gets a row that says so.

    make bench                                   (every bench)
    .venv/bin/python bench/all.py memory speech  (some; their rows replace the old ones, the rest stay)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START, END = "<!-- bench table: written by bench/all.py -->", "<!-- end of bench table -->"
# name -> the script's arguments; offscreen Qt for the ones that open the app
BENCHES: dict[str, list[str]] = {
    "startup": ["bench/startup.py"],
    "responsiveness": ["bench/responsiveness.py"],
    "generation": ["bench/generation.py"],
    "chat_window": ["bench/chat_window.py"],
    "chat_markdown": ["bench/chat_markdown.py"],
    "memory": ["bench/memory.py"],
    "speech": ["bench/speech.py"],
    "audio_memory": ["bench/audio_memory.py"],
    "tune": ["bench/tune.py"],
    "caption": ["bench/caption.py"],
    "translate": ["bench/translate.py"],
    "attention": ["bench/attention.py"],
    "explain": ["bench/explain.py"],
    "compression": ["bench/compression.py"],
    "batch": ["bench/batch.py"],
}


def machine() -> str:
    """The CPU's model, its cores and memory: what a row's figures depend on."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        model = names[0] if names else model
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        kib = int(meminfo.read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f", {kib / 2**20:.0f} GiB"
    return f"{model}, {os.cpu_count()} cores{memory}"


def run(name: str) -> dict[str, object]:
    """One bench, its output passed through as it comes; its final JSON line, or a row saying what failed."""
    command = [sys.executable, *BENCHES[name]]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    print(f"\n=== {name}: {' '.join(BENCHES[name])}", flush=True)
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    last = ""
    assert process.stdout is not None
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.strip():
            last = line.strip()
    code = process.wait()
    try:
        figures = json.loads(last)
    except ValueError:
        figures = None
    if code != 0 or not isinstance(figures, dict):
        figures = {"bench": name, "goal": "", "met": None, "failed": f"exit {code}" if code else "no JSON line"}
    return {"command": f"python {' '.join(BENCHES[name])}", **figures}


def table_row(row: dict[str, object]) -> str:
    shown = {key: value for key, value in row.items() if key not in ("bench", "goal", "met", "command", "when")}
    met = {True: "met", False: "**not met**", None: "–"}[row.get("met")]  # type: ignore[index]
    goal = f"{row['goal']}: {met}" if row.get("goal") else met
    figures = ", ".join(f"{key} {_shown(value)}" for key, value in shown.items())
    return f"| {row['bench']} | {goal} | {figures} | {row.get('when', '')} | `{row['command']}` |"


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return "/".join(str(item) for item in value) or "none"
    if isinstance(value, dict):
        return " ".join(f"{key}={item}" for key, item in value.items())
    return str(value)


def write_table(rows: dict[str, dict[str, object]]) -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"README.md has no bench table markers ({START} ... {END})")
    head, rest = text.split(START, 1)
    old, tail = rest.split(END, 1)
    kept = {}
    for line in old.splitlines():  # earlier rows, kept until their bench runs again (their JSON is in the row)
        if line.startswith("<!-- row "):
            saved = json.loads(line.removeprefix("<!-- row ").removesuffix(" -->"))
            kept[saved["bench"]] = saved
    kept |= rows
    lines = [
        "",
        "| bench | goal | figures | when, machine | command |",
        "|---|---|---|---|---|",
        *(table_row(kept[name]) for name in BENCHES if name in kept),
        "",
        *(f"<!-- row {json.dumps(kept[name])} -->" for name in BENCHES if name in kept),
        "",
    ]
    README.write_text(head + START + "\n".join(lines) + END + tail, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help=f"benches to run (default: all): {', '.join(BENCHES)}")
    args = parser.parse_args()
    unknown = sorted(set(args.names) - set(BENCHES))
    if unknown:
        parser.error(f"no such bench: {', '.join(unknown)} (there are: {', '.join(BENCHES)})")
    when = f"{datetime.date.today().isoformat()}, {machine()}"
    rows = {}
    for name in args.names or BENCHES:
        rows[name] = {**run(name), "when": when}
        write_table(rows)  # after each: an interrupted run keeps what it measured
    failed = [name for name, row in rows.items() if "failed" in row]
    print(f"\nREADME.md's bench table updated ({len(rows)} rows{'; failed: ' + ', '.join(failed) if failed else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
