"""A remote model as one model reference, so that every place that carries a model (the panels' pickers, the
history, a fusion request) carries a remote one unchanged: the server's API address, '#', the model's name."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.results import ModelInfo

SOURCE = "server"  # ModelInfo.source of a result a server produced


@dataclass(frozen=True)
class RemoteModel:
    base_url: str  # the API root, ending in /v1 (or whatever path the server was given with)
    name: str  # the model's id on that server

    @property
    def ref(self) -> str:
        return f"{self.base_url}#{self.name}"

    @property
    def label(self) -> str:
        """How a picker names it: the model, and the server it runs on."""
        return arg(tr("%1 on %2"), self.name, self.host)

    @property
    def info(self) -> ModelInfo:
        """What a result it produced names as its model: the reference, the source "server", the address."""
        return ModelInfo(self.ref, SOURCE, self.base_url)

    @property
    def host(self) -> str:
        """The server as a person names it: host and port."""
        return urlsplit(self.base_url).netloc


def base_url(address: str) -> str:
    """The API root of an address as people type it: 'localhost:8000' and 'http://localhost:8000' both mean
    http://localhost:8000/v1; an address with a path of its own keeps it."""
    text = address.strip()
    if not text:
        raise InvalidRequestError(
            tr("The server address is empty."), hint=tr("Type one such as http://localhost:8000/v1")
        )
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequestError(
            arg(tr("'%1' is not a server address."), address.strip()),
            hint=tr("Give it as http://host:port/v1, for example http://localhost:8000/v1"),
        )
    path = parts.path.rstrip("/") or "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def parse(ref: str) -> RemoteModel | None:
    """The remote model a reference names, or None for a local one (a folder, a Hub id, a known name)."""
    if not ref.startswith(("http://", "https://")) or "#" not in ref:
        return None
    address, _, name = ref.partition("#")
    return RemoteModel(base_url(address), name.strip()) if name.strip() else None


def is_remote(ref: str) -> bool:
    return parse(ref) is not None
