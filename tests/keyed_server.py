"""`transformers serve` behind an API key, as vLLM's --api-key or a reverse proxy puts it: a request without
the key gets 401, the read-only key may list models but not generate (403). Run as a script, with the same
arguments as `transformers serve` and the keys in KEYED_SERVER_KEY and KEYED_SERVER_READ_ONLY_KEY."""

from __future__ import annotations

import os
import sys
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from transformers.cli.serving import server as serving
from transformers.cli.transformers import main

KEY = os.environ["KEYED_SERVER_KEY"]
READ_ONLY_KEY = os.environ["KEYED_SERVER_READ_ONLY_KEY"]
unkeyed_build_server = serving.build_server


def keyed_build_server(*args: Any, **kwargs: Any) -> Any:
    app = unkeyed_build_server(*args, **kwargs)

    @app.middleware("http")
    async def check_key(request: Request, call_next: Any) -> Any:
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if request.url.path == "/health":
            return await call_next(request)
        if given not in (KEY, READ_ONLY_KEY):
            return JSONResponse({"error": {"message": "Invalid API key."}}, status_code=401)
        if given == READ_ONLY_KEY and request.method == "POST":
            return JSONResponse({"error": {"message": "This key may only read."}}, status_code=403)
        return await call_next(request)

    return app


if __name__ == "__main__":
    serving.build_server = keyed_build_server  # Serve() imports it when it builds the app
    sys.argv = ["transformers", "serve", *sys.argv[1:]]
    sys.exit(main())
