"""Chinese end to end: a Mandarin clip (espeak-ng's cmn voice), transcribed by the multilingual Whisper base,
shows Chinese characters in the transcript and in the speech attention view, never the byte-level spelling
("åĮĹäº¬") the tokenizer works in. (espeak's Mandarin is robotic: the test checks the script, not the words.)"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.context import JobContext
from desktop_app.core.requests import AttentionRequest, TranscriptionRequest
from desktop_app.gui.panels.attention.heatmap_view import upright
from desktop_app.gui.panels.attention.speech_attention_view import SpeechAttentionView
from desktop_app.interpret.alignment import group_rows
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.speech_helpers import espeak

BYTE_SPELLING = {chr(code) for code in range(0x100, 0x144)}  # "Ġ", "Į", "Ĺ"…: GPT-2's stand-ins for bytes


def test_a_mandarin_clip_shows_its_characters_in_the_transcript_and_the_attention_view(
    qtbot, whisper_base_dir: Path, tmp_path: Path
):
    clip = espeak("今天天气很好，我们去公园散步。", tmp_path / "cmn.wav", voice="cmn")
    service = Workbench(ModelStore(whisper_base_dir.parent))
    result = service.run(TranscriptionRequest(str(clip), model=str(whisper_base_dir), language="zh"), JobContext())
    text = "".join(segment.text for segment in result.segments)
    assert any(upright(char) for char in text), text

    maps = service.run(AttentionRequest(str(clip), source_task="transcribe", model=str(whisper_base_dir)), JobContext())
    words, matrix = group_rows(maps.tokens, maps.weights[1:].astype("float32").mean(axis=(0, 1)))
    view = SpeechAttentionView()
    qtbot.addWidget(view)
    view.set_attention(words, matrix, maps.waveform, maps.start_s, maps.seconds_per_key)
    shown = "".join(view.words)
    assert not BYTE_SPELLING & set(shown), shown
    if any(upright(char) for char in maps.generated):  # Whisper heard Chinese here too (it detects the language)
        assert any(upright(char) for char in shown), shown
