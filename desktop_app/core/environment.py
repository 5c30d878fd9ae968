"""The process environment the Hugging Face libraries read when they are first imported: set before any of
them is, by the window and by the command line alike."""

from __future__ import annotations

import os


def configure_environment() -> None:
    """Must run before anything imports huggingface_hub or transformers: they read these at import."""
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
    # Loading a model must never ask the Hub to open a safetensors conversion pull request on its repo.
    os.environ["DISABLE_SAFETENSORS_CONVERSION"] = "1"
