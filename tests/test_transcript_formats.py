"""Transcript files: SRT, VTT, TXT and JSON as players and editors expect them."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.results import ModelInfo, TranscriptionResult, TranscriptSegment
from desktop_app.core.transcript_formats import render, timestamp, to_srt


def _result() -> TranscriptionResult:
    segments = (
        TranscriptSegment(0.0, 1.5, " Hello world."),
        TranscriptSegment(1.5, 1.5, "  "),
        TranscriptSegment(3661.25, 3662.0, "An hour --> later."),
    )
    return TranscriptionResult(segments, ModelInfo("whisper-tiny.en", "model package", "/m"), "/a.wav", 3662.0, "en")


def test_timestamps():
    assert timestamp(3661.2504) == "01:01:01.250"
    assert timestamp(5.0, ",") == "00:00:05,000"
    assert timestamp(65.5, always_hours=False) == "01:05.500"
    assert timestamp(-1) == "00:00:00.000"


def test_srt_numbers_spoken_segments_and_can_be_bilingual():
    assert render(_result(), "srt") == (
        "1\n00:00:00,000 --> 00:00:01,500\nHello world.\n\n2\n01:01:01,250 --> 01:01:02,000\nAn hour --> later.\n"
    )
    bilingual = to_srt(_result(), ["Hallo Welt.", "Eine Stunde später."])
    assert "Hello world.\nHallo Welt.\n" in bilingual


def test_vtt_txt_json():
    vtt = render(_result(), "vtt")
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello world.\n")
    assert "An hour -> later." in vtt  # "-->" inside a cue would end it
    assert render(_result(), "txt") == "Hello world.\nAn hour --> later.\n"
    payload = json.loads(render(_result(), "json"))
    assert payload["language"] == "en" and len(payload["segments"]) == 2
    assert payload["segments"][1] == {"start": 3661.25, "end": 3662.0, "text": "An hour --> later."}


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown transcript format"):
        render(_result(), "docx")
