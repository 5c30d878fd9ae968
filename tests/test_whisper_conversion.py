"""The CTranslate2 -> Hugging Face Whisper converter: same greedy tokens as the original engine, real words."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.store.ctranslate2_reader import CTranslate2FormatError, read_ctranslate2
from desktop_app.store.model_packages import package_weight_files
from desktop_app.store.whisper_conversion import build_whisper_from_ctranslate2


def _features(processor, path: Path):
    from desktop_app.audio.decoding import load_audio

    return processor(load_audio(path).samples, sampling_rate=16_000, return_tensors="np").input_features


def test_reader_rejects_truncated_and_foreign_files(tmp_path: Path):
    with pytest.raises(CTranslate2FormatError, match="version"):
        read_ctranslate2(struct.pack("<I", 5) + b"\0" * 16)
    with pytest.raises(CTranslate2FormatError, match="too early"):
        read_ctranslate2(struct.pack("<I", 6) + struct.pack("<H", 40) + b"WhisperSpec\0")
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"this is not a model")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelLoadError, match="Could not convert"):
        build_whisper_from_ctranslate2([bad], tmp_path / "out", JobContext())


def test_greedy_tokens_match_ctranslate2(whisper_tiny_dir: Path, speech_clips):
    """The converted model decodes exactly like the package's own engine (CTranslate2, float32) on real
    speech: the weights, their layout and the special tokens all survived the conversion."""
    import ctranslate2
    import torch
    from transformers import WhisperForConditionalGeneration, WhisperProcessor

    from desktop_app.store.catalog import WHISPER_TINY_EN

    source_dir = package_weight_files(WHISPER_TINY_EN.package)[0].parent
    original = ctranslate2.models.Whisper(str(source_dir), device="cpu", compute_type="float32")
    processor = WhisperProcessor.from_pretrained(whisper_tiny_dir)
    model = WhisperForConditionalGeneration.from_pretrained(whisper_tiny_dir).eval()
    prompt = processor.tokenizer.convert_tokens_to_ids(["<|startoftranscript|>", "<|notimestamps|>"])
    for clip in (speech_clips.human_hello, *speech_clips.sentences[:2]):
        features = _features(processor, clip)
        expected = original.generate(ctranslate2.StorageView.from_array(features), [prompt], beam_size=1)[
            0
        ].sequences_ids[0]
        with torch.inference_mode():
            ids = model.generate(torch.from_numpy(features))[0].tolist()
        ours = [i for i in ids if i < processor.tokenizer.eos_token_id]
        assert ours == expected, (processor.decode(ours), processor.decode(expected))
    assert processor.decode(expected).strip()  # a real transcript, not an empty agreement


def test_known_transcripts_and_timestamps(whisper_tiny_dir: Path, speech_clips):
    import torch
    from transformers import WhisperForConditionalGeneration, WhisperProcessor

    processor = WhisperProcessor.from_pretrained(whisper_tiny_dir)
    model = WhisperForConditionalGeneration.from_pretrained(whisper_tiny_dir).eval()
    with torch.inference_mode():
        ids = model.generate(torch.from_numpy(_features(processor, speech_clips.human_hello)), return_timestamps=True)
    decoded = processor.tokenizer.decode(ids[0], output_offsets=True, skip_special_tokens=True)
    assert decoded["text"].strip().rstrip("!.").lower() == "hello world"
    (start, end) = decoded["offsets"][0]["timestamp"]
    assert 0.0 <= start < 0.5 and 0.5 < end <= 2.0  # the clip is 1.4 s long, the words right at its start


def test_multilingual_base_detects_spanish_and_translates(whisper_base_dir: Path, speech_clips):
    from desktop_app.core.requests import TranscriptionRequest
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore

    service = Workbench(ModelStore(whisper_base_dir.parent))
    heard = service.run(TranscriptionRequest(str(speech_clips.spanish), model=str(whisper_base_dir)), JobContext())
    assert heard.language == "es"
    assert "madrid" in heard.text.lower() and "buenos" in heard.text.lower()
    english = service.run(
        TranscriptionRequest(str(speech_clips.spanish), model=str(whisper_base_dir), speech_task="translate"),
        JobContext(),
    )
    # "Good morning, Satoros. Today is good weather in Madrid.": base hears "a todos" as a name
    assert "good morning" in english.text.lower() and "today" in english.text.lower()
    assert "buenos" not in english.text.lower() and english.speech_task == "translate"
