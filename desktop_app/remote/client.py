"""One way to talk to a server: the `openai` client (it speaks the protocol, streams server-sent events and
names each HTTP failure), with the failures said as the app says errors, naming the server and the model."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

from desktop_app.core.errors import AppError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.remote_models import RemoteModel
from desktop_app.remote.keys import stored_key

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 120.0  # between two pieces of an answer: a big model on a busy server can think for a while


class ServerError(AppError):
    """A server failed to answer, or answered with an error; `partial_text` is what it had written first."""

    kind = "server"

    def __init__(self, message: str, *, hint: str = "", detail: str = "", partial_text: str = "") -> None:
        super().__init__(message, hint=hint, detail=detail)
        self.partial_text = partial_text


class Servers:
    """The keys to use for each server: those given for this run (the command line's --api-key-env), else the
    keyring's."""

    def __init__(self, keys: dict[str, str] | None = None, read_timeout_s: float = READ_TIMEOUT_S) -> None:
        self.keys = dict(keys or {})
        self.read_timeout_s = read_timeout_s

    def client(self, base_url: str) -> Any:
        """A new client for one job, to be closed after it (`with`). Not one kept per server: a connection kept
        alive between jobs may have been dropped by the server meanwhile, and with no retries that would fail."""
        import openai
        from openai import Timeout

        return openai.OpenAI(
            base_url=base_url,
            api_key=self.key_for(base_url) or "none",  # the client wants a key; servers without one ignore it
            max_retries=0,  # a failure is reported at once, not after minutes of retries
            timeout=Timeout(self.read_timeout_s, connect=CONNECT_TIMEOUT_S),
        )

    def key_for(self, base_url: str) -> str:
        return self.keys.get(base_url) or stored_key(base_url)

    def model_names(self, base_url: str) -> list[str]:
        """The models the server lists at /v1/models."""
        with failures_said(self, RemoteModel(base_url, ""), tr("listing its models")), self.client(base_url) as client:
            return sorted(model.id for model in client.models.list())

    def lacks(self, remote: RemoteModel) -> list[str] | None:
        """The models the server lists when `remote` is not among them; None when it is, or when the list
        cannot be had. Servers say an unknown model differently (404, 400, or 500 with no words)."""
        try:
            names = self.model_names(remote.base_url)
        except ServerError:
            return None
        return None if not names or remote.name in names else names


@contextmanager
def failures_said(
    servers: Servers,
    remote: RemoteModel,
    doing: str,
    partial: Callable[[], str] = lambda: "",
    listed: bool = True,
) -> Iterator[None]:
    """Turn what the client raises into a ServerError whose message a person can act on; `partial` gives the
    text received before the failure, which the error keeps. `listed`: the model is one /v1/models would list
    (servers list their generators; not all list their speech models), so a missing one can be named."""
    try:
        yield
    except AppError:
        raise
    except Exception as exc:  # every failure of the connection or the protocol is said, none escapes raw
        arrived = partial()
        message, hint = _said(exc, remote, doing, bool(arrived))
        offered = servers.lacks(remote) if listed and remote.name and _may_be_unknown_model(exc) else None
        if offered is not None:
            message = arg(tr("The server at %1 has no model named '%2'."), remote.host, remote.name)
            hint = arg(tr("It offers: %1"), ", ".join(offered[:10]) + (" …" if len(offered) > 10 else ""))
        raise ServerError(message, hint=hint, detail=repr(exc), partial_text=arrived) from exc


def _may_be_unknown_model(exc: Exception) -> bool:
    import openai

    return isinstance(exc, openai.APIStatusError) and exc.status_code in (400, 404, 422, 500)


def _said(exc: Exception, remote: RemoteModel, doing: str, answering: bool) -> tuple[str, str]:
    """The message and hint for a failure; `answering`: part of the answer had arrived."""
    import openai

    host = remote.host
    broke = (
        arg(tr("The connection to %1 broke while %2: the server stopped or crashed."), host, doing),
        tr("What had arrived is kept. Check the server, then try again."),
    )
    check_key = tr("Set its key in Models ▸ Servers… (Ctrl+Shift+R), or on the command line with --api-key-env.")
    if isinstance(exc, openai.APITimeoutError):
        return arg(tr("The server at %1 did not answer in time while %2."), host, doing), tr(
            "It may be overloaded, or the model is still loading; try again."
        )
    if isinstance(exc, openai.APIConnectionError):
        if answering:
            return broke
        return arg(tr("Cannot reach the server at %1."), host), tr(
            "Check that it is running and that the address is right (including the port and /v1)."
        )
    if isinstance(exc, openai.AuthenticationError):
        return arg(tr("The server at %1 refused the API key (401)."), host), check_key
    if isinstance(exc, openai.PermissionDeniedError):
        return arg(tr("The server at %1 does not allow this key to do that (403)."), host), check_key
    if isinstance(exc, openai.NotFoundError):
        return arg(tr("The server at %1 does not offer this (%2)."), host, doing), tr(
            "Not every server has every endpoint: transcription, for one, is not in all of them."
        )
    if isinstance(exc, openai.APIStatusError):
        return arg(tr("The server at %1 answered with an error (%2): %3"), host, exc.status_code, _reason(exc)), ""
    if isinstance(exc, (openai.APIError, json.JSONDecodeError, ValueError)):
        return arg(tr("The server at %1 sent something that is not a valid answer: %2"), host, exc), ""
    return broke  # the connection broke some other way (httpx's RemoteProtocolError, ReadError)


def _reason(exc: Any) -> str:
    """The server's own words for an error, or the status's name when it gave none."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        detail = body.get("detail") or body.get("message") or body.get("error")
        if isinstance(detail, dict):
            detail = detail.get("message")
        if detail:
            return str(detail)[:300]
    try:
        return HTTPStatus(exc.status_code).phrase
    except ValueError:
        return str(exc)[:300]


class StreamCloser:
    """Closes a stream the moment the job is cancelled, even while the reading thread waits for the server:
    Stop must not wait for the next token of a slow server."""

    def __init__(self, cancel: threading.Event, stream: Any) -> None:
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(cancel, stream), daemon=True)
        self._thread.start()

    def _watch(self, cancel: threading.Event, stream: Any) -> None:
        while not self._done.wait(0.05):
            if cancel.is_set():
                stream.close()
                return

    def finish(self) -> None:
        self._done.set()
