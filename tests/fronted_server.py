"""`transformers serve` with something in front of it, as a reverse proxy or vLLM's --api-key puts it. Run as a
script with `transformers serve`'s own arguments; FRONT says what stands in front:
  key      an API key: without KEYED_SERVER_KEY a request gets 401; KEYED_SERVER_READ_ONLY_KEY may list
           models but not generate (403)
  cut      every answer stream ends cleanly after three events, before the server said it was finished
  garble   the third event of every answer stream is not JSON"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, StreamingResponse
from transformers.cli.serving import server as serving
from transformers.cli.transformers import main

FRONT = os.environ.get("FRONT", "key")
unfronted_build_server = serving.build_server


def check_key(request: Request) -> JSONResponse | None:
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if request.url.path == "/health":
        return None
    if given not in (os.environ["KEYED_SERVER_KEY"], os.environ["KEYED_SERVER_READ_ONLY_KEY"]):
        return JSONResponse({"error": {"message": "Invalid API key."}}, status_code=401)
    if given == os.environ["KEYED_SERVER_READ_ONLY_KEY"] and request.method == "POST":
        return JSONResponse({"error": {"message": "This key may only read."}}, status_code=403)
    return None


async def changed_events(body: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """The answer's server-sent events, cut after the third or with the third garbled."""
    count = 0
    async for chunk in body:
        for event in chunk.split(b"\n\n"):
            if not event.strip():
                continue
            count += 1
            if FRONT == "cut" and count > 3:
                return
            yield (b"data: {not json at all" if FRONT == "garble" and count == 3 else event) + b"\n\n"


def fronted_build_server(*args: Any, **kwargs: Any) -> Any:
    app = unfronted_build_server(*args, **kwargs)

    @app.middleware("http")
    async def front(request: Request, call_next: Any) -> Any:
        if FRONT == "key":
            refused = check_key(request)
            return refused if refused is not None else await call_next(request)
        response = await call_next(request)
        if response.headers.get("content-type", "").startswith("text/event-stream"):
            return StreamingResponse(changed_events(response.body_iterator), media_type="text/event-stream")
        return response

    return app


if __name__ == "__main__":
    serving.build_server = fronted_build_server  # Serve() imports it when it builds the app
    sys.argv = ["transformers", "serve", *sys.argv[1:]]
    sys.exit(main())
