"""`desktop-app generate PROMPT`: the answer streams in as it is written (greedy by default, so scripts get
repeatable output); --json prints one object with the text, the model and the timings."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict
from typing import Any

from desktop_app.cli.console import clean_text, print_json, text_argument
from desktop_app.cli.flags import add_command, add_options, chosen_options
from desktop_app.cli.session import EXIT_OK, Session
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.remote_models import RemoteModel, base_url
from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import GenerationResult, TokenDelta

NAME = "generate"
OPTIONS = [
    "system_prompt",
    "use_chat_template",
    "max_new_tokens",
    "temperature",
    "top_p",
    "top_k",
    "repetition_penalty",
    "seed",
]


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        NAME,
        "generate text from a prompt",
        run,
        model="model folder, Hugging Face id or known name (default: SmolLM2 135M Instruct)",
        json="print one JSON object with text, model and timings",
    )
    parser.add_argument("prompt", help="the prompt, or - to read it from standard input")
    parser.add_argument(
        "--server",
        default="",
        metavar="URL",
        help="an OpenAI-compatible server (vLLM, llama.cpp, Ollama, transformers serve) to run --model on, "
        "e.g. http://localhost:8000/v1",
    )
    parser.add_argument(
        "--api-key-env",
        default="",
        metavar="VAR",
        help="the environment variable holding the server's API key (default: the key kept in the keyring)",
    )
    add_options(parser, GenerationRequest, OPTIONS)


def run(args: argparse.Namespace, session: Session) -> int:
    options = chosen_options(args, OPTIONS)
    options["system_prompt"] = clean_text(options["system_prompt"], "the system prompt")
    model = remote_model(args, session) if args.server else args.model
    request = GenerationRequest(text_argument(args.prompt, "the prompt"), model=model, **options)

    def on_partial(item: Any) -> None:
        if not args.json and isinstance(item, TokenDelta):
            sys.stdout.write(item.text)
            sys.stdout.flush()

    def show(result: GenerationResult, status: str) -> None:
        if args.json:
            print_json(
                {
                    "text": result.text,
                    "model": asdict(result.model),
                    "prompt_tokens": result.prompt_tokens,
                    "new_tokens": result.new_tokens,
                    "finish_reason": result.finish_reason,
                    "timings": result.timings,
                },
            )
        else:
            sys.stdout.write("\n")

    session.run(request, show, on_partial)
    return EXIT_OK


def remote_model(args: argparse.Namespace, session: Session) -> str:
    """--server and --model as one remote model reference; --api-key-env's key goes to this run only."""
    address = base_url(args.server)
    if not args.model.strip():
        raise InvalidRequestError(
            "--server needs --model: the name of one of the server's models.",
            hint="The server lists them at /v1/models (desktop-app models list --server URL).",
        )
    if args.api_key_env:
        key = os.environ.get(args.api_key_env, "")
        if not key:
            raise InvalidRequestError(f"The environment variable {args.api_key_env} is empty or not set.")
        session.service().runtime.servers.keys[address] = key
    return RemoteModel(address, args.model.strip()).ref
