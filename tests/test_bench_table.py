"""`make bench`'s table: each bench's final JSON line becomes its row; a bench that fails gets a row saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench.all as bench_all


def test_rows_are_written_kept_and_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    readme = tmp_path / "README.md"
    readme.write_text(f"# App\n\n## Benchmarks\n\n{bench_all.START}{bench_all.END}\n\n## Layout\n", encoding="utf-8")
    monkeypatch.setattr(bench_all, "README", readme)
    script = tmp_path / "fine.py"
    script.write_text('print("working")\nprint(\'{"bench": "memory", "goal": "g", "met": true, "peak_mb": 9}\')\n')
    broken = tmp_path / "broken.py"
    broken.write_text("raise SystemExit(3)\n")
    monkeypatch.setattr(bench_all, "BENCHES", {"memory": [str(script)], "speech": [str(broken)]})
    bench_all.write_table({"memory": {**bench_all.run("memory"), "when": "today"}})
    bench_all.write_table({"speech": {**bench_all.run("speech"), "when": "today"}})
    text = readme.read_text(encoding="utf-8")
    assert "| memory | g: met | peak_mb 9 | today |" in text, "the first row is kept when another bench runs"
    assert "| speech | – | failed exit 3 | today |" in text
    assert text.endswith("## Layout\n") and text.count(bench_all.START) == 1
    script.write_text('print(\'{"bench": "memory", "goal": "g", "met": false, "peak_mb": 12}\')\n')
    bench_all.write_table({"memory": {**bench_all.run("memory"), "when": "later"}})
    text = readme.read_text(encoding="utf-8")
    assert "| memory | g: **not met** | peak_mb 12 | later |" in text and "peak_mb 9" not in text
