"""Turn a CTranslate2 Whisper model (faster-whisper's format) into a Hugging Face Whisper folder.

The packages carry `model.bin`, `config.json` (suppressed tokens, alignment heads, language ids) and the
Hugging Face `tokenizer.json`. The weights are renamed and the fused attention projections split; the
tokenizer gains the timestamp tokens so that its length equals the vocabulary, as upstream's does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.store.ctranslate2_reader import CTranslate2FormatError, CTranslate2Model, read_ctranslate2

TIMESTAMP_COUNT = 1501  # <|0.00|> .. <|30.00|> in steps of 0.02 s
_LANGUAGE_TOKEN = re.compile(r"^<\|([a-z]{2,3}|haw|jw|yue)\|>$")


def build_whisper_from_ctranslate2(weight_files: list[Path], out_dir: Path, ctx: JobContext) -> None:
    """`weight_files` are the parts of model.bin in order; the first part's folder holds the rest."""
    source_dir = weight_files[0].parent
    ctx.progress(tr("Reading the CTranslate2 weights"), None)
    blob = b"".join(path.read_bytes() for path in weight_files)
    try:
        ct2 = read_ctranslate2(blob)
        if ct2.spec != "WhisperSpec":
            raise CTranslate2FormatError(arg(tr("it holds a %1, not a Whisper model"), ct2.spec))
        ct2_config = json.loads((source_dir / "config.json").read_text())
        ctx.check_cancelled()
        _convert(ct2, ct2_config, source_dir / "tokenizer.json", out_dir, ctx)
    except (CTranslate2FormatError, KeyError, OSError, ValueError) as exc:
        raise ModelLoadError(tr("Could not convert the Whisper model."), detail=str(exc)) from exc


def _convert(
    ct2: CTranslate2Model, ct2_config: dict[str, Any], tokenizer_file: Path, out_dir: Path, ctx: JobContext
) -> None:
    import torch
    from transformers import GenerationConfig, WhisperConfig, WhisperFeatureExtractor, WhisperForConditionalGeneration

    tokenizer = _build_tokenizer(tokenizer_file, ct2.get("decoder/embeddings/weight").shape[0])
    vocab_size, d_model = ct2.get("decoder/embeddings/weight").shape
    multilingual = vocab_size >= 51865
    special = {
        name: tokenizer.convert_tokens_to_ids(name)
        for name in (
            "<|endoftext|>",
            "<|startoftranscript|>",
            "<|notimestamps|>",
            "<|transcribe|>",
            "<|translate|>",
            "<|startofprev|>",
        )
    }
    config = WhisperConfig(
        vocab_size=vocab_size,
        num_mel_bins=ct2.get("encoder/conv1/weight").shape[1],
        d_model=d_model,
        encoder_layers=_count_layers(ct2, "encoder"),
        decoder_layers=_count_layers(ct2, "decoder"),
        encoder_attention_heads=ct2.scalar("encoder/num_heads"),
        decoder_attention_heads=ct2.scalar("decoder/num_heads"),
        encoder_ffn_dim=ct2.get("encoder/layer_0/ffn/linear_0/weight").shape[0],
        decoder_ffn_dim=ct2.get("decoder/layer_0/ffn/linear_0/weight").shape[0],
        max_source_positions=ct2.get("encoder/position_encodings/encodings").shape[0],
        max_target_positions=ct2.get("decoder/position_encodings/encodings").shape[0],
        pad_token_id=special["<|endoftext|>"],
        bos_token_id=special["<|endoftext|>"],
        eos_token_id=special["<|endoftext|>"],
        decoder_start_token_id=special["<|startoftranscript|>"],
        suppress_tokens=list(ct2_config["suppress_ids"]),
        begin_suppress_tokens=list(ct2_config["suppress_ids_begin"]),
        tie_word_embeddings=True,
    )
    with torch.device("meta"):
        model = WhisperForConditionalGeneration(config)
    arrays = _state_dict(ct2, config)
    state = {name: torch.from_numpy(np.ascontiguousarray(array)) for name, array in arrays.items()}
    model.load_state_dict(state, strict=False, assign=True)
    model.tie_weights()
    leftover = [name for name, param in model.named_parameters() if param.is_meta]
    if leftover:
        raise ValueError(arg(tr("weights missing after conversion: %1"), leftover[:5]))
    ctx.check_cancelled()

    settings: dict[str, Any] = dict(
        decoder_start_token_id=special["<|startoftranscript|>"],
        eos_token_id=special["<|endoftext|>"],
        pad_token_id=special["<|endoftext|>"],
        bos_token_id=special["<|endoftext|>"],
        no_timestamps_token_id=special["<|notimestamps|>"],
        prev_sot_token_id=special["<|startofprev|>"],
        suppress_tokens=list(ct2_config["suppress_ids"]),
        begin_suppress_tokens=list(ct2_config["suppress_ids_begin"]),
        alignment_heads=[list(pair) for pair in ct2_config["alignment_heads"]],
        max_initial_timestamp_index=50,
        max_length=config.max_target_positions,
        is_multilingual=multilingual,
        return_timestamps=False,
    )
    if multilingual:
        languages = tokenizer.convert_ids_to_tokens(list(ct2_config["lang_ids"]))
        lang_ids = list(ct2_config["lang_ids"])
        settings["lang_to_id"] = {token: int(tid) for token, tid in zip(languages, lang_ids, strict=True)}
        settings["task_to_id"] = {"transcribe": special["<|transcribe|>"], "translate": special["<|translate|>"]}
        settings["task"] = "transcribe"
    # A fresh GenerationConfig keeps the Whisper-only keys that `update()` would silently drop.
    model.generation_config = GenerationConfig(**settings)
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    WhisperFeatureExtractor(feature_size=config.num_mel_bins).save_pretrained(out_dir)


def _build_tokenizer(tokenizer_file: Path, vocab_size: int) -> Any:
    from transformers import AddedToken, WhisperTokenizer

    tokenizer = WhisperTokenizer(tokenizer_file=str(tokenizer_file))
    # Register the control tokens (<|startoftranscript|>, languages, <|notimestamps|>...) as special, as
    # upstream's tokenizer_config does: timestamp decoding counts from the last special id.
    controls = [
        token.content
        for _, token in sorted(tokenizer.added_tokens_decoder.items())
        if token.special and token.content != str(tokenizer.eos_token)
    ]
    tokenizer.add_special_tokens({"additional_special_tokens": controls})
    if tokenizer.all_special_ids[-1] != tokenizer.convert_tokens_to_ids("<|notimestamps|>"):
        raise ValueError(tr("the tokenizer's control tokens are not in the expected order"))
    timestamps = [
        AddedToken(f"<|{i * 0.02:.2f}|>", lstrip=False, rstrip=False, normalized=False, special=False)
        for i in range(TIMESTAMP_COUNT)
    ]
    tokenizer.add_tokens(timestamps)
    if len(tokenizer) != vocab_size:
        raise ValueError(arg(tr("the tokenizer has %1 tokens but the model %2"), len(tokenizer), vocab_size))
    return tokenizer


def _count_layers(ct2: CTranslate2Model, side: str) -> int:
    return sum(1 for name in ct2.variables if re.fullmatch(rf"{side}/layer_\d+/ffn/layer_norm/gamma", name))


def _state_dict(ct2: CTranslate2Model, config: Any) -> dict[str, np.ndarray]:
    f = ct2.as_float32
    state: dict[str, np.ndarray] = {}

    def norm(dst: str, src: str) -> None:
        state[f"{dst}.weight"], state[f"{dst}.bias"] = f(f"{src}/gamma"), f(f"{src}/beta")

    def linear(dst: str, src: str) -> None:
        state[f"{dst}.weight"], state[f"{dst}.bias"] = f(f"{src}/weight"), f(f"{src}/bias")

    def split_linear(dsts: list[str], src: str) -> None:
        weights = np.split(f(f"{src}/weight"), len(dsts))
        biases = np.split(f(f"{src}/bias"), len(dsts))
        for dst, weight, bias in zip(dsts, weights, biases, strict=False):
            state[f"{dst}.weight"] = weight
            if not dst.endswith("k_proj"):  # Whisper's key projections have no bias (CTranslate2 stores zeros)
                state[f"{dst}.bias"] = bias

    def self_attention_and_ffn(dst: str, src: str) -> None:
        """What encoder and decoder layers share: self-attention and the feed-forward block."""
        norm(f"{dst}.self_attn_layer_norm", f"{src}/self_attention/layer_norm")
        split_linear([f"{dst}.self_attn.{p}_proj" for p in "qkv"], f"{src}/self_attention/linear_0")
        linear(f"{dst}.self_attn.out_proj", f"{src}/self_attention/linear_1")
        norm(f"{dst}.final_layer_norm", f"{src}/ffn/layer_norm")
        linear(f"{dst}.fc1", f"{src}/ffn/linear_0")
        linear(f"{dst}.fc2", f"{src}/ffn/linear_1")

    enc, dec = "model.encoder", "model.decoder"
    linear(f"{enc}.conv1", "encoder/conv1")
    linear(f"{enc}.conv2", "encoder/conv2")
    state[f"{enc}.embed_positions.weight"] = f("encoder/position_encodings/encodings")
    norm(f"{enc}.layer_norm", "encoder/layer_norm")
    for i in range(config.encoder_layers):
        self_attention_and_ffn(f"{enc}.layers.{i}", f"encoder/layer_{i}")
    state[f"{dec}.embed_tokens.weight"] = f("decoder/embeddings/weight")
    state[f"{dec}.embed_positions.weight"] = f("decoder/position_encodings/encodings")
    norm(f"{dec}.layer_norm", "decoder/layer_norm")
    for i in range(config.decoder_layers):
        dst, src = f"{dec}.layers.{i}", f"decoder/layer_{i}"
        self_attention_and_ffn(dst, src)
        norm(f"{dst}.encoder_attn_layer_norm", f"{src}/attention/layer_norm")
        linear(f"{dst}.encoder_attn.q_proj", f"{src}/attention/linear_0")
        split_linear([f"{dst}.encoder_attn.{p}_proj" for p in "kv"], f"{src}/attention/linear_1")
        linear(f"{dst}.encoder_attn.out_proj", f"{src}/attention/linear_2")
    return state
