"""Each option is declared once, on its request field; the settings, the panels' widgets, the command line and the
reopening of history all derive from it, and this test fails the moment one of them disagrees."""

from __future__ import annotations

import argparse
import dataclasses

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.model_requests import RuntimeRequest
from desktop_app.core.options import options_of
from desktop_app.core.requests import (
    AttentionRequest,
    CaptionRequest,
    CompressionRequest,
    FusionRequest,
    GenerationRequest,
    ImageSearchRequest,
    TranscriptionRequest,
    TranslationRequest,
)
from desktop_app.core.tasks import MODEL_TASKS, Task
from desktop_app.store.settings_schema import ALL_SETTINGS, setting_of
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app

REQUESTS = (
    GenerationRequest,
    TranscriptionRequest,
    CaptionRequest,
    TranslationRequest,
    AttentionRequest,
    FusionRequest,
    ImageSearchRequest,
    CompressionRequest,
    RuntimeRequest,
)


def _sample(request_class: type) -> dict:
    """The required fields of a request, filled with something valid."""
    filled = {
        "prompt": "hi",
        "audio_path": "a.wav",
        "image_paths": ("a.png",),
        "text": "hi",
        "template": "{text}",
        "folder": ".",
        "query": "a cat",
        "for_task": "generate",
    }
    required = {
        f.name: filled[f.name]
        for f in dataclasses.fields(request_class)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    return {**required, "text": "hi"} if request_class is FusionRequest else required


@pytest.mark.parametrize("request_class", REQUESTS, ids=lambda c: c.__name__)
def test_every_default_is_valid_and_every_bound_is_enforced_with_the_options_words(request_class):
    request_class(**_sample(request_class)).validate()
    for name, spec in options_of(request_class).items():
        assert spec.label and spec.help, f"{request_class.__name__}.{name} has no words"
        if spec.kind not in (int, float):
            continue
        if spec.maximum is not None:
            with pytest.raises(InvalidRequestError, match=spec.label):
                request_class(**_sample(request_class), **{name: spec.kind(spec.maximum + 1)}).validate()
        if spec.minimum is not None:
            below = spec.minimum if spec.exclusive_minimum else spec.minimum - 1
            with pytest.raises(InvalidRequestError, match=spec.label):
                request_class(**_sample(request_class), **{name: spec.kind(below)}).validate()


def test_the_settings_are_the_options():
    keys = [setting.key for setting in ALL_SETTINGS]
    assert len(keys) == len(set(keys)), "a settings key is declared twice"
    declared = {setting.key: setting for setting in ALL_SETTINGS}
    for request_class in REQUESTS:
        for name, spec in options_of(request_class).items():
            if spec.setting:
                assert declared[spec.setting] == setting_of(request_class, name), spec.setting
                expected = spec.first_value if spec.first_value is not None else int(spec.minimum) - 1
                assert declared[spec.setting].default == expected
                assert declared[spec.setting].choices == tuple(value for value, _ in spec.choices)


def _widget_matches(widget, spec) -> None:
    if spec.choices:
        assert isinstance(widget, QComboBox) and widget.toolTip() == spec.help
        assert [(widget.itemData(i), widget.itemText(i)) for i in range(widget.count())] == list(spec.choices)
        return
    if isinstance(widget, QCheckBox):
        assert spec.kind is bool
        return
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        low = spec.minimum + (10**-spec.decimals if spec.exclusive_minimum else 0)
        if spec.none_text:
            low = spec.minimum - 1  # the "random" position below the range
        assert widget.minimum() == pytest.approx(low), spec.name
        assert widget.maximum() == pytest.approx(min(spec.maximum, 2**31 - 1)), spec.name
        assert widget.toolTip() == spec.help


def test_the_panels_widgets_are_the_options(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        forms = {
            GenerationRequest: app.panels.chat.options,
            TranslationRequest: app.panels.translate.options,
            CaptionRequest: app.panels.caption.options.form,
            TranscriptionRequest: app.panels.speech.options.form,
        }
        for request_class, form in forms.items():
            specs = options_of(request_class)
            for name, field in form.fields.items():
                assert field.spec == specs[name]
                _widget_matches(field.widget, specs[name])
                value = field.get()
                assert value == specs[name].first_value or specs[name].none_text, (request_class, name, value)


def _command_actions(command: str) -> dict:
    from desktop_app.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    return {action.dest: action for action in sub._actions}


@pytest.mark.parametrize(
    ("command", "request_class"),
    [
        ("generate", GenerationRequest),
        ("transcribe", TranscriptionRequest),
        ("caption", CaptionRequest),
        ("translate", TranslationRequest),
        ("attention", AttentionRequest),
        ("fuse", FusionRequest),
        ("search", ImageSearchRequest),
        ("compress", CompressionRequest),
    ],
)
def test_the_command_line_flags_are_the_options(command, request_class):
    from desktop_app import cli

    actions = _command_actions(command)
    module = next(m for m in cli.MODULES if command == m.NAME)
    for name in getattr(module, "OPTIONS", [n for n in options_of(request_class) if n in actions]):
        spec = options_of(request_class)[name]
        assert actions[name].default == spec.command_line_default, (command, name)
        assert list(actions[name].choices or ()) == [value for value, _ in spec.choices], (command, name)


def test_a_history_entry_gives_back_its_options_as_their_types():
    stored = {"temperature": "0.5", "top_k": 7.0, "use_chat_template": "false", "seed": None, "unknown": 1}
    assert GenerationRequest.option_values(stored) == {
        "temperature": 0.5,
        "top_k": 7,
        "use_chat_template": False,
        "seed": None,
    }


def test_tasks_are_named_once():
    assert {task.value for task in Task} >= set(MODEL_TASKS)
    for request_class in (*REQUESTS,):
        assert isinstance(request_class.task, Task)
