"""The tuning lab as a person uses it, on the real worker: import data and see it (or see which lines are
wrong), preview augmented copies, teach SmolLM2 with the loss curve drawing live; and the compression lab's
Distil page for generation models."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.tuning_results import AugmentResult, TuneResult
from tests.gui_helpers import running_app


def open_lab(app):
    lab = app.open_tuning_lab()
    assert lab.isVisible()
    return lab


def test_import_shows_the_examples_or_the_lines_that_are_wrong(qtbot, tmp_path: Path):
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text("".join(json.dumps({"instruction": f"q{i}", "output": f"a{i}"}) + "\n" for i in range(5)))
    bad.write_text(json.dumps({"instruction": "ok", "output": "fine"}) + '\n{"instruction": \n')
    with running_app(qtbot) as app:
        lab = open_lab(app)
        page = lab.data
        page.source.setText(str(bad))
        page.run_button.click()
        qtbot.waitUntil(lambda: page.banner.isVisible(), timeout=30_000)
        assert "bad.jsonl:2: broken JSON" in page.banner.text()
        page.source.setText(str(good))
        page.name.setText("five")
        page.run_button.click()
        qtbot.waitUntil(lambda: page.table.rowCount() == 5, timeout=30_000)
        assert not page.banner.isVisible()
        assert "4 examples to train on, 1 held out" in page.summary.text()
        assert lab.teach.data.currentText().startswith("five")  # ready to teach from
        history = app.history.recent(task="dataset")
        assert history and history[0].outputs["train"] == 4
        lab.reject()


def test_augment_preview_lists_the_copies(qtbot):
    with running_app(qtbot) as app:
        page = open_lab(app).augment
        page.kind.setCurrentIndex(page.kind.findData("text"))
        page.transform.setCurrentIndex(page.transform.findData("swap"))
        page.source.setText("the quick brown fox jumps over the lazy dog")
        results: list[AugmentResult] = []
        page.job.finished.connect(lambda event: results.append(event.result))
        page.run_button.click()
        qtbot.waitUntil(lambda: bool(results), timeout=30_000)
        assert page.table.rowCount() == page.options.values()["n"]
        assert all(page.table.item(row, 2).text().startswith("⇄") for row in range(page.table.rowCount()))


def test_teach_draws_the_loss_live_and_compares_answers(qtbot, smollm2_dir: Path, tmp_path: Path):
    data = tmp_path / "fact.jsonl"
    facts = ["What is the capital of Zorbania?", "Name Zorbania's capital.", "Zorbania's capital?"]
    data.write_text("".join(json.dumps({"instruction": q, "output": "Quillmoor."}) + "\n" for q in facts))
    with running_app(qtbot) as app:
        page = open_lab(app).teach
        page.data.addItem(str(data), str(data))
        page.data.setCurrentIndex(page.data.count() - 1)
        page.options["steps"].setValue(3)
        page.options["held_out"].setValue(1)
        results: list[TuneResult] = []
        page.job.finished.connect(lambda event: results.append(event.result))
        page.run_button.click()
        qtbot.waitUntil(lambda: bool(results), timeout=240_000)
        assert page.curve.lines[("lora", "train")], "the curve drew the training loss"
        assert "step 3" in page.curve.accessibleDescription()
        assert page.table.rowCount() == 1 and page.use_button.isEnabled()
        page.use_button.click()
        assert app.pickers["generate"].current_ref() == results[0].adapter_dir


def test_cancel_keeps_a_checkpoint_and_teach_again_resumes_from_it(qtbot, smollm2_dir: Path, tmp_path: Path):
    data = tmp_path / "fact.jsonl"
    data.write_text("".join(json.dumps({"instruction": f"Q{i}?", "output": "Quillmoor."}) + "\n" for i in range(4)))
    with running_app(qtbot) as app:
        lab = open_lab(app)
        page = lab.teach
        page.data.addItem(str(data), str(data))
        page.data.setCurrentIndex(page.data.count() - 1)
        page.options["steps"].setValue(40)
        page.options["held_out"].setValue(0)
        cancelled: list[object] = []
        page.job.cancelled.connect(cancelled.append)
        page.run_button.click()
        qtbot.waitUntil(lambda: len(page.curve.lines.get(("lora", "train"), [])) >= 5, timeout=240_000)
        lab.reject()  # Esc: stops the training, keeps the lab open
        qtbot.waitUntil(lambda: bool(cancelled), timeout=60_000)
        assert lab.isVisible() and "Teach again resumes" in page.summary.text()
        notices: list[str] = []
        app.worker.job_finished.connect(lambda event: notices.extend(getattr(event, "notices", ())))
        results: list[TuneResult] = []
        page.job.finished.connect(lambda event: results.append(event.result))
        page.options["steps"].setValue(8)  # a shorter run now: the checkpoint's step is kept
        page.run_button.click()
        qtbot.waitUntil(lambda: bool(results), timeout=240_000)
        assert results[0].resumed_from >= 4, results[0].resumed_from


def test_the_compression_lab_distils_generation_models_only(qtbot):
    from desktop_app.gui.dialogs.compression_lab import CompressionLabDialog

    with running_app(qtbot) as app:
        generation = CompressionLabDialog(app.worker, "generate", "", app.window)
        assert generation.distil is not None and generation.tabs.count() == 2
        generation.open()
        generation.tabs.setCurrentWidget(generation.distil)
        generation.distil.text.setText("")
        generation.distil.run_button.click()
        assert generation.distil.banner.isVisible()  # bad input said at once, nothing sent
        assert "Choose a text file" in generation.distil.banner.text()
        speech = CompressionLabDialog(app.worker, "transcribe", "", app.window)
        assert speech.distil is None
