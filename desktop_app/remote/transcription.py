"""Transcription on a server that offers /v1/audio/transcriptions: the audio file is sent as it is."""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.remote_models import RemoteModel
from desktop_app.core.requests import TranscriptionRequest
from desktop_app.core.results import TranscriptionResult, TranscriptSegment
from desktop_app.remote.client import Servers, failures_said


def transcribe(
    servers: Servers, remote: RemoteModel, request: TranscriptionRequest, ctx: JobContext
) -> TranscriptionResult:
    path = Path(request.audio_path)
    if not path.is_file():
        raise InvalidRequestError(arg(tr("The audio file %1 does not exist."), path))
    duration = _duration(path)
    ctx.progress(arg(tr("Sending the audio to %1"), remote.host), None)
    started = time.perf_counter()
    options = {"language": request.language} if request.language else {}
    with (
        failures_said(servers, remote, tr("transcribing"), listed=False),
        servers.client(remote.base_url) as client,
        path.open("rb") as audio,  # streamed from the file: a long recording is never held whole
    ):
        if request.speech_task == "translate":
            answer = client.audio.translations.create(model=remote.name, file=audio)
        else:
            answer = client.audio.transcriptions.create(model=remote.name, file=audio, **options)
    elapsed = time.perf_counter() - started
    text = str(getattr(answer, "text", "") or "").strip()
    segments = (TranscriptSegment(0.0, round(duration, 3), text),) if text else ()
    return TranscriptionResult(
        segments,
        remote.info,
        str(path),
        duration,
        language=request.language,
        speech_task=request.speech_task,
        timings={"transcribe_s": round(elapsed, 4), "real_time_factor": round(elapsed / max(duration, 1e-9), 4)},
        note="" if text else tr("The server heard no speech."),
    )


def _duration(path: Path) -> float:
    import soundfile

    try:
        return float(soundfile.info(str(path)).duration)
    except (RuntimeError, soundfile.LibsndfileError):
        return 0.0  # a format libsndfile cannot read (the server may): the transcript has no time then
