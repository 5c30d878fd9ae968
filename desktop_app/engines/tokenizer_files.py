"""Loading a folder's tokenizer without holding the GIL longer than the Rust parse itself must.

transformers reads a tokenizer's added tokens from `added_tokens_decoder` in tokenizer_config.json. A folder
saved by transformers 5 (every model the app converts, and many on the Hub) has none, and transformers then
parses the whole tokenizer.json with Python's json (3.4 MB for SmolLM2: 40-230 ms in one C call, with the GIL
held and the window frozen) only to read its `added_tokens` list, before the Rust tokenizers library parses the
same file again. That list is among the first keys of the file, so it is read here alone and handed over.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_app.engines.runtime import transformers_module
from desktop_app.store.model_kind import read_config

# Files from which transformers' own reading (the legacy branch passing added tokens skips) takes special tokens.
LEGACY_TOKEN_FILES = ("special_tokens_map.json", "added_tokens.json")
HEAD_CHARS = 1 << 16  # serde writes `added_tokens` after version, truncation and padding


def load_tokenizer(path: Any) -> Any:
    """A folder's tokenizer. Plain tokenizer.json folders skip AutoTokenizer's class lookup (1.3 s -> 0.2 s)."""
    transformers = transformers_module()
    folder = Path(path)
    config = read_config(folder, "tokenizer_config.json")
    extra = _added_tokens(folder, config)
    if (
        config.get("tokenizer_class") in ("TokenizersBackend", "PreTrainedTokenizerFast")
        and (folder / "tokenizer.json").is_file()
    ):
        return transformers.PreTrainedTokenizerFast.from_pretrained(folder, trust_remote_code=False, **extra)
    return transformers.AutoTokenizer.from_pretrained(folder, trust_remote_code=False, **extra)


def _added_tokens(folder: Path, config: dict[str, Any]) -> dict[str, Any]:
    """`added_tokens_decoder` for from_pretrained, read from the head of tokenizer.json, where transformers would
    parse the whole file for it; nothing where transformers reads them some other way, or the head is not the
    layout the tokenizers library writes (transformers then reads the file as it always does)."""
    tokenizer_file = folder / "tokenizer.json"
    if "added_tokens_decoder" in config or not tokenizer_file.is_file():
        return {}
    if any((folder / name).exists() for name in LEGACY_TOKEN_FILES):
        return {}
    with tokenizer_file.open(encoding="utf-8") as handle:
        head = handle.read(HEAD_CHARS)
    key = head.find('"added_tokens"')
    start = head.find("[", key)
    if key < 0 or start < 0:
        return {}
    try:
        tokens, _end = json.JSONDecoder().raw_decode(head, start)
    except ValueError:  # the list runs past the head (thousands of added tokens): rare, and read as before
        return {}
    if not isinstance(tokens, list) or not all(isinstance(t, dict) and "id" in t and "content" in t for t in tokens):
        return {}
    AddedToken = transformers_module().AddedToken
    decoder = {int(token.pop("id")): AddedToken(**token) for token in tokens}
    return {"added_tokens_decoder": decoder}
