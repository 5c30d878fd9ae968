"""File transcription with the real Whisper tiny.en: long clips with timestamps, cancel, formats, bad input."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile

from desktop_app.audio.overview import COLUMNS
from desktop_app.audio.source import AudioFile
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.requests import TranscriptionRequest
from desktop_app.core.results import AudioOverview, TranscriptionResult, TranscriptSegment
from desktop_app.engines.transcription import READ_SHARE
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.speech_helpers import SENTENCES, word_error_rate

# Whisper tiny.en's published WER is ~5.6% on LibriSpeech test-clean and ~12% on noisier speech; espeak-ng's
# robotic voice sits between. 0.25 leaves room for a word or two per sentence while catching a broken
# pipeline (wrong sample rate, cut windows, lost segments), which gives WER near 1.
MAX_WER = 0.25


@pytest.fixture(scope="module")
def service(whisper_tiny_dir: Path) -> Workbench:
    return Workbench(ModelStore(whisper_tiny_dir.parent))


def _run(service: Workbench, path: Path | str, **options) -> TranscriptionResult:
    return service.run(TranscriptionRequest(str(path), model="whisper-tiny.en", **options), JobContext())


def test_long_clip_has_ordered_timestamps_and_the_words(service, speech_clips):
    info = soundfile.info(speech_clips.long_clip)
    assert info.duration > 40
    streamed: list[object] = []
    progress: list[tuple[str, float]] = []
    ctx = JobContext(
        on_progress=lambda m, f: progress.append((m, f)) if f is not None else None, on_partial=streamed.append
    )
    result = service.run(TranscriptionRequest(str(speech_clips.long_clip), model="whisper-tiny.en"), ctx)
    assert word_error_rate(speech_clips.long_text, result.text) < MAX_WER, result.text
    segments = [item for item in streamed if isinstance(item, TranscriptSegment)]
    assert list(result.segments) == segments  # every segment was streamed as it was found
    # the file's waveform came first, whole, before any words; its loudest point is the file's
    overviews = [item for item in streamed if isinstance(item, AudioOverview)]
    assert overviews and streamed.index(overviews[-1]) < streamed.index(segments[0])
    whole = overviews[-1]
    assert whole.read_s == pytest.approx(info.duration, abs=1e-3) and len(whole.peaks) == COLUMNS
    samples = AudioFile.open(speech_clips.long_clip)[:]
    assert max(whole.peaks) == pytest.approx(float(np.abs(samples).max()), abs=1e-4)
    # one percentage for the whole job that only grows: the first pass is its first tenth
    fractions = [f for _, f in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(f <= READ_SHARE for m, f in progress if m.startswith("Finding speech"))
    assert any(READ_SHARE < f < 1.0 for m, f in progress if m.startswith("Transcribing"))
    starts = [s.start for s in result.segments]
    assert starts == sorted(starts)
    assert all(0 <= s.start <= s.end <= info.duration + 0.01 for s in result.segments)
    assert result.segments[-1].end > info.duration - 8  # the last sentence is near the end, not lost
    # each "Hello world" (a real human, 8 kHz) is found at its place: three of them, in three rounds
    hellos = [s for s in result.segments if "hello" in s.text.lower()]
    assert len(hellos) == 3 and hellos[0].start < 1.0
    assert result.timings["real_time_factor"] > 0  # measured; how fast it is, is bench/speech.py's to say


def test_without_voice_activity_the_fixed_windows_still_work(service, speech_clips):
    result = _run(service, speech_clips.sentences[0], use_vad=False)
    assert word_error_rate(SENTENCES[0], result.text) < MAX_WER


def test_without_voice_activity_noise_is_not_written_down(service, tmp_path: Path):
    """Whisper's own no-speech test, made after decoding a window: on steady noise it writes a few unlikely
    tokens after a likely <|nospeech|>, and they are not kept."""
    noise = tmp_path / "noise.wav"
    soundfile.write(noise, np.random.default_rng(0).normal(0, 0.03, 16_000 * 12).astype(np.float32), 16_000)
    result = _run(service, noise, use_vad=False)
    assert result.segments == () and result.note == "No speech was recognised."


def test_cancel_mid_file_keeps_what_was_done(service, speech_clips):
    cancel = threading.Event()
    seen: list[TranscriptSegment] = []

    def on_partial(item: object) -> None:
        if isinstance(item, TranscriptSegment):
            seen.append(item)
            cancel.set()  # stop as soon as the first window is done

    ctx = JobContext(cancel_event=cancel, on_partial=on_partial)
    with pytest.raises(JobCancelledError) as stopped:
        service.run(TranscriptionRequest(str(speech_clips.long_clip), model="whisper-tiny.en"), ctx)
    partial = stopped.value.partial_result
    assert isinstance(partial, TranscriptionResult)
    assert 1 <= len(partial.segments) < 10 and partial.note.startswith("Stopped")
    assert partial.segments[0] == seen[0]


@pytest.mark.parametrize("fmt,subtype", [("FLAC", "PCM_16"), ("OGG", "VORBIS"), ("MP3", "MPEG_LAYER_III")])
def test_compressed_formats_and_other_rates(service, speech_clips, tmp_path: Path, fmt: str, subtype: str):
    samples, rate = soundfile.read(speech_clips.sentences[2], dtype="float32")
    stereo_44k = np.repeat(
        np.interp(np.arange(0, len(samples), rate / 44_100), np.arange(len(samples)), samples)[:, None], 2, axis=1
    )
    path = tmp_path / f"clip.{fmt.lower()}"
    soundfile.write(path, stereo_44k, 44_100, format=fmt, subtype=subtype)
    result = _run(service, path)
    assert word_error_rate(SENTENCES[2], result.text) < MAX_WER, result.text


def test_silence_says_no_speech(service, speech_clips):
    result = _run(service, speech_clips.silence)
    assert result.segments == () and result.note == "No speech was detected."


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "is empty"),
        (b"this is a text file, not audio\n" * 20, "not an audio file"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "not an audio file"),  # a WAV cut off in its header
    ],
)
def test_bad_files_give_clear_errors(service, tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(InvalidRequestError, match=message):
        _run(service, path)


def test_a_wav_with_no_samples_and_a_missing_file(service, tmp_path: Path):
    empty = tmp_path / "empty.wav"
    soundfile.write(empty, np.zeros(0, dtype=np.float32), 16_000)
    with pytest.raises(InvalidRequestError, match="empty"):
        _run(service, empty)
    with pytest.raises(InvalidRequestError, match="does not exist"):
        _run(service, tmp_path / "nowhere.wav")
    with pytest.raises(InvalidRequestError, match="folder"):
        _run(service, tmp_path)


def test_english_only_model_refuses_translation(service, speech_clips):
    with pytest.raises(InvalidRequestError, match="only transcribes English"):
        _run(service, speech_clips.sentences[0], speech_task="translate")


def test_a_stretch_of_a_long_file_is_read_by_seeking(speech_clips):
    from desktop_app.audio.decoding import SPEECH_RATE, load_audio

    whole = load_audio(speech_clips.long_clip)
    stretch = load_audio(speech_clips.long_clip, start_s=20.0, duration_s=5.0)
    assert len(stretch.samples) == 5 * SPEECH_RATE
    assert stretch.file_duration_s == pytest.approx(whole.duration_s, abs=0.01)
    inner = slice(SPEECH_RATE // 10, -SPEECH_RATE // 10)  # away from the edges, where resampling differs
    assert np.abs(stretch.samples[inner] - whole.samples[20 * SPEECH_RATE : 25 * SPEECH_RATE][inner]).max() < 0.01
    assert len(load_audio(speech_clips.long_clip, start_s=whole.duration_s + 5, duration_s=5.0).samples) == 0


@pytest.mark.parametrize("seconds", [0.0003, 0.02, 4.0, 30.0, 31.0])
def test_whisper_hears_the_audio_then_zeros_as_its_own_transcribe_pads_it(service, seconds: float):
    """A window shorter than 30 s is the log-mel of its audio followed by zeros (Whisper's transcribe and
    faster-whisper), not the log-mel of its audio padded with silence; a full window is the extractor's own."""
    engine = service.engines.transcription
    transcriber = engine.load("whisper-tiny.en", JobContext())
    samples = np.random.default_rng(0).normal(0, 0.1, round(seconds * 16_000)).astype(np.float32)
    features = engine.features(transcriber, samples)
    heard = min(len(samples), 480_000) // 160
    assert tuple(features.shape) == (1, 80, 3000)
    assert features[0, :, heard:].abs().sum() == 0 and (heard == 0 or features[0, :, :heard].abs().max() > 0)
    if len(samples) >= 480_000:  # all but the last frame, whose FFT reaches past the window's end
        own = transcriber.processor.feature_extractor(samples[:480_000], sampling_rate=16_000, return_tensors="pt")
        assert np.allclose(features[0, :, :-1], own.input_features[0, :, :-1], atol=1e-5)
