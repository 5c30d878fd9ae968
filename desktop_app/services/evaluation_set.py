"""The fixed evaluation set the precision gate runs (resources/eval/, shipped with the app): twenty prompts,
fifteen sentences, six spoken sentences with their transcripts, ten drawn pictures. Each task's items become the
task's own requests, so the gate measures exactly what the app runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from desktop_app.core.requests import CaptionRequest, GenerationRequest, TranscriptionRequest, TranslationRequest
from desktop_app.core.tasks import Task

GENERATED_TOKENS = 32  # per prompt: enough for the answers to part where a precision changes them


@dataclass(frozen=True)
class EvaluationSet:
    task: str
    folder: Path  # resources/eval, as a real folder (the gate reads its files by path)
    items: int

    def requests(self, model: str, languages: tuple[str, str] = ("", "")) -> list[Any]:
        """The set as the task's requests; each request's outputs are listed by `outputs`."""
        if self.task == Task.GENERATE:
            # plain greedy: the model's own likeliest token at each step, without the repetition penalty, whose
            # reach differs between engines (transformers counts the prompt's tokens, CTranslate2 the answer's)
            return [
                GenerationRequest(
                    prompt, model=model, max_new_tokens=GENERATED_TOKENS, temperature=0.0, repetition_penalty=1.0
                )
                for prompt in _json(self.folder / "prompts.json")
            ]
        if self.task == Task.TRANSLATE:
            text = "\n".join(_json(self.folder / "sentences.json"))  # one line each: the lines come back in order
            source, target = languages
            return [TranslationRequest(text, model=model, source_lang=source, target_lang=target, keep_attention=False)]
        if self.task == Task.CAPTION:
            pictures = [
                str(self.folder / "pictures" / row["file"]) for row in _json(self.folder / "pictures/pictures.json")
            ]
            return [CaptionRequest(tuple(pictures), model=model, keep_attention=False)]
        return [
            TranscriptionRequest(str(self.folder / "speech" / row["file"]), model=model)
            for row in _json(self.folder / "speech/transcripts.json")
        ]

    def transcripts(self) -> list[str]:
        return [str(row["text"]) for row in _json(self.folder / "speech/transcripts.json")]


def outputs(task: str, result: Any) -> list[str]:
    """What a result says, item by item, for comparing one precision's outputs with float32's."""
    if task == Task.GENERATE:
        return [result.text]
    if task == Task.TRANSLATE:
        return str(result.text).split("\n")
    if task == Task.CAPTION:
        return [item.caption for item in result.items]
    return [result.text]


def evaluation_set(task: str) -> EvaluationSet:
    with as_file(files("desktop_app.resources") / "eval") as folder:
        folder = Path(folder)
        sizes = {
            Task.GENERATE: len(_json(folder / "prompts.json")),
            Task.TRANSLATE: len(_json(folder / "sentences.json")),
            Task.CAPTION: len(_json(folder / "pictures/pictures.json")),
            Task.TRANSCRIBE: len(_json(folder / "speech/transcripts.json")),
        }
        return EvaluationSet(task, folder, sizes[Task(task)])


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
