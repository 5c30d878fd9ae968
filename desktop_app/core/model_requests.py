"""Requests that manage the models and where they run (warm up, load, unload, download, look up a Hub repo,
device and threads), as opposed to the jobs that make the user's content (core/requests.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.core.options import option
from desktop_app.core.requests import GenerationRequest, Request, _require
from desktop_app.core.tasks import Task

DEVICES = {"cpu": "CPU", "cuda": QT_TR_NOOP("CUDA GPU")}


@dataclass(frozen=True)
class RuntimeRequest(Request):
    """Where models run and with how many CPU threads. A new device unloads the models: they load again
    there on their next job."""

    task: ClassVar[Task] = Task.RUNTIME

    device: str = option(
        "cpu", label=QT_TR_NOOP("Run on"), setting="runtime/device", help=QT_TR_NOOP("cpu, or cuda when there is a GPU")
    )
    threads: int = option(
        0,
        0,
        256,
        label=QT_TR_NOOP("Threads"),
        setting="runtime/threads",
        help=QT_TR_NOOP("0: PyTorch's own choice (the physical cores)"),
    )
    unload_after_s: int = option(
        600,
        0,
        7 * 24 * 3600,
        label=QT_TR_NOOP("Unload unused models after"),
        setting="runtime/unload_after_s",
        help=QT_TR_NOOP("seconds a model may go unused before its memory is given back; 0: never"),
    )

    def validate(self) -> None:
        _require([(self.device in DEVICES, tr("The device is cpu or cuda."))])
        super().validate()


@dataclass(frozen=True)
class WarmUpRequest(Request):
    """Import the inference runtime (torch, transformers) once, while the user has nothing running yet."""

    task: ClassVar[Task] = Task.WARM_UP


@dataclass(frozen=True)
class LoadModelRequest(Request):
    """Load (and keep loaded) a task's model ahead of use, so the first real job starts at once."""

    task: ClassVar[Task] = Task.LOAD_MODEL
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    for_task: str
    model: str = ""


@dataclass(frozen=True)
class UnloadModelRequest(Request):
    task: ClassVar[Task] = Task.UNLOAD_MODEL
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    for_task: str
    model: str = ""  # "" unloads every model of the task


@dataclass(frozen=True)
class DownloadModelRequest(Request):
    """Fetch a model (and convert it once) so that its task runs offline from now on."""

    task: ClassVar[Task] = Task.DOWNLOAD_MODEL
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    for_task: str
    model: str

    def validate(self) -> None:
        _require([(bool(self.model.strip()), tr("Say which model to download."))])


@dataclass(frozen=True)
class InspectRepoRequest(Request):
    """List a Hub repo before downloading it: its size, licence, formats and the task its config names."""

    task: ClassVar[Task] = Task.INSPECT_REPO
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    model: str  # a Hugging Face id


@dataclass(frozen=True)
class ServerModelsRequest(Request):
    """The models an OpenAI-compatible server lists at /v1/models; its key is the one in the keyring, or
    `api_key` when one was just typed (it is then kept there too)."""

    task: ClassVar[Task] = Task.SERVER_MODELS

    base_url: str
    api_key: str = field(default="", repr=False)  # never in a log line


@dataclass(frozen=True)
class CountTokensRequest(Request):
    """How much of the generation model's context a conversation takes, with the message being written (which
    may still be empty): the chat's token count, before anything is sent."""

    task: ClassVar[Task] = Task.COUNT_TOKENS

    conversation: GenerationRequest

    def validate(self) -> None:
        """Nothing to refuse: an empty draft is counted too."""
