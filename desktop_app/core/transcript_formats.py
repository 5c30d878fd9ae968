"""Transcripts as text files: plain text, SubRip (SRT), WebVTT and JSON. Shared by the GUI and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from desktop_app.core.i18n import arg, tr
from desktop_app.core.results import TranscriptionResult, TranscriptSegment

FORMATS = ("txt", "srt", "vtt", "json")


def timestamp(seconds: float, decimal: str = ".", always_hours: bool = True) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    head = f"{hours:02d}:" if always_hours or hours else ""
    return f"{head}{minutes:02d}:{secs:02d}{decimal}{millis:03d}"


def _spoken(segments: Sequence[TranscriptSegment]) -> list[TranscriptSegment]:
    return [segment for segment in segments if segment.text.strip()]


def to_txt(result: TranscriptionResult) -> str:
    return "\n".join(segment.text.strip() for segment in _spoken(result.segments)) + "\n"


def to_srt(result: TranscriptionResult, second_lines: Sequence[str] | None = None) -> str:
    """`second_lines` (one per spoken segment) makes a bilingual file, e.g. a translation under each line."""
    blocks = []
    for index, segment in enumerate(_spoken(result.segments), start=1):
        text = segment.text.strip()
        if second_lines is not None and index - 1 < len(second_lines):
            text += "\n" + second_lines[index - 1].strip()
        blocks.append(f"{index}\n{timestamp(segment.start, ',')} --> {timestamp(segment.end, ',')}\n{text}\n")
    return "\n".join(blocks)


def to_vtt(result: TranscriptionResult) -> str:
    cues = [
        f"{timestamp(s.start)} --> {timestamp(s.end)}\n{s.text.strip().replace('-->', '->')}\n"
        for s in _spoken(result.segments)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def to_json(result: TranscriptionResult) -> str:
    payload = {
        "text": result.text,
        "language": result.language,
        "task": result.speech_task,
        "duration_s": round(result.duration_s, 3),
        "audio_path": result.audio_path,
        "model": result.model.ref,
        "model_source": result.model.source,
        "segments": [
            {"start": round(s.start, 3), "end": round(s.end, 3), "text": s.text.strip()}
            for s in _spoken(result.segments)
        ],
        "timings": {k: round(v, 4) for k, v in result.timings.items()},
    }
    if result.note:
        payload["note"] = result.note
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[TranscriptionResult], str]] = {
    "txt": to_txt,
    "srt": to_srt,
    "vtt": to_vtt,
    "json": to_json,
}


def render(result: TranscriptionResult, fmt: str) -> str:
    try:
        return WRITERS[fmt](result)
    except KeyError:
        raise ValueError(arg(tr("unknown transcript format '%1' (use one of %2)"), fmt, ", ".join(FORMATS))) from None
