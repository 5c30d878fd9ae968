"""A Hugging Face Hub on 127.0.0.1 for the download tests: the real Hub cannot be reached from here.

It speaks the protocol huggingface_hub and the app use: `GET /api/models/<id>[/revision/<rev>]?blobs=true`
(the repo's files with sizes, git blob ids and LFS sha256, its config and licence), and
`GET|HEAD /<id>/resolve/<rev>/<file>` with ranges, ETag and X-Repo-Commit, answering errors with the Hub's
`X-Error-Code` header. Tests can slow it down, cut a transfer short, or list a file larger than it is.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

_INFO = re.compile(r"^/api/models/([^/]+/[^/]+?)(?:/revision/([^/]+))?$")
_RESOLVE = re.compile(r"^/([^/]+/[^/]+)/resolve/([^/]+)/(.+)$")


@dataclass
class Repo:
    hub_id: str
    files: dict[str, bytes]
    commit: str
    licence: str = "apache-2.0"
    listed_sizes: dict[str, int] = field(default_factory=dict)  # sizes the listing claims instead of the real ones
    listed_sha256: dict[str, str] = field(default_factory=dict)  # the same for checksums

    def config(self) -> dict[str, Any]:
        raw = self.files.get("config.json")
        return json.loads(raw) if raw else {}


class FakeHub:
    """Start with `FakeHub.start()`; `endpoint` is what HF_ENDPOINT should say."""

    def __init__(self) -> None:
        self.repos: dict[str, Repo] = {}
        self.requests: list[tuple[str, str, str]] = []  # (method, path, Range header)
        self.bytes_per_second = 0  # 0: as fast as it can
        self.cut_after: dict[str, int] = {}  # file name -> bytes sent before the connection is dropped (once)
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                hub._handle(self, body=True)

            def do_HEAD(self) -> None:
                hub._handle(self, body=False)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def start() -> FakeHub:
        hub = FakeHub()
        hub.thread.start()
        return hub

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add_folder(self, hub_id: str, folder: Path, **kwargs: Any) -> Repo:
        files = {item.name: item.read_bytes() for item in sorted(folder.iterdir()) if item.is_file()}
        return self.add_files(hub_id, files, **kwargs)

    def add_files(self, hub_id: str, files: dict[str, bytes], **kwargs: Any) -> Repo:
        commit = hashlib.sha1(repr(sorted((k, hashlib.sha1(v).hexdigest()) for k, v in files.items())).encode())
        repo = Repo(hub_id, files, commit.hexdigest(), **kwargs)
        self.repos[hub_id] = repo
        return repo

    def file_requests(self, name: str) -> list[tuple[str, str, str]]:
        return [r for r in self.requests if "/resolve/" in r[1] and r[1].endswith("/" + name)]

    # -- the protocol ------------------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, body: bool) -> None:
        path = unquote(urlparse(handler.path).path)
        self.requests.append((handler.command, path, handler.headers.get("Range", "")))
        info, resolve = _INFO.match(path), _RESOLVE.match(path)
        if info:
            repo = self._repo(handler, info.group(1), info.group(2) or "main")
            if repo is not None:
                self._send_json(handler, self._info(repo), body)
        elif resolve:
            repo = self._repo(handler, resolve.group(1), resolve.group(2))
            if repo is not None:
                self._send_file(handler, repo, resolve.group(3), body)
        else:
            self._error(handler, 404, "RepoNotFound", "Not found")

    def _repo(self, handler: BaseHTTPRequestHandler, hub_id: str, revision: str) -> Repo | None:
        repo = self.repos.get(hub_id)
        if repo is None:
            self._error(handler, 404, "RepoNotFound", f"Repository {hub_id} not found")
            return None
        if revision not in ("main", repo.commit):
            self._error(handler, 404, "RevisionNotFound", f"Invalid rev id: {revision}")
            return None
        return repo

    def _info(self, repo: Repo) -> dict[str, Any]:
        siblings = []
        for name, data in sorted(repo.files.items()):
            size = repo.listed_sizes.get(name, len(data))
            sibling: dict[str, Any] = {"rfilename": name, "size": size, "blobId": _git_blob_id(data)}
            if name.endswith((".safetensors", ".bin", ".h5", ".msgpack", ".onnx", ".gguf")):
                sha256 = repo.listed_sha256.get(name) or hashlib.sha256(data).hexdigest()
                sibling["lfs"] = {"sha256": sha256, "size": size, "pointerSize": 134}
            siblings.append(sibling)
        return {
            "id": repo.hub_id,
            "modelId": repo.hub_id,
            "sha": repo.commit,
            "private": False,
            "gated": False,
            "tags": ["transformers", f"license:{repo.licence}"],
            "cardData": {"license": repo.licence},
            "config": repo.config(),
            "siblings": siblings,
        }

    def _send_json(self, handler: BaseHTTPRequestHandler, payload: dict[str, Any], body: bool) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        if body:
            handler.wfile.write(data)

    def _send_file(self, handler: BaseHTTPRequestHandler, repo: Repo, name: str, body: bool) -> None:
        data = repo.files.get(name)
        if data is None:
            self._error(handler, 404, "EntryNotFound", f"{name} does not exist")
            return
        start = 0
        match = re.match(r"bytes=(\d+)-", handler.headers.get("Range", ""))
        if match:
            start = int(match.group(1))
        chunk = data[start:]
        handler.send_response(206 if match else 200)
        handler.send_header("Content-Length", str(len(chunk)))
        handler.send_header("ETag", f'"{hashlib.sha256(data).hexdigest()}"')
        handler.send_header("X-Repo-Commit", repo.commit)
        handler.send_header("Accept-Ranges", "bytes")
        if match:
            handler.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        handler.end_headers()
        if not body:
            return
        limit = self.cut_after.pop(name, None)
        sent = 0
        step = 16 * 1024
        for offset in range(0, len(chunk), step):
            piece = chunk[offset : offset + step]
            if limit is not None and sent + len(piece) > limit:
                handler.wfile.write(piece[: max(limit - sent, 0)])
                handler.wfile.flush()
                handler.close_connection = True
                handler.connection.shutdown(2)  # the server goes away mid-file
                return
            try:
                handler.wfile.write(piece)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client stopped listening (a cancelled download)
            sent += len(piece)
            if self.bytes_per_second:
                time.sleep(len(piece) / self.bytes_per_second)

    @staticmethod
    def _error(handler: BaseHTTPRequestHandler, status: int, code: str, message: str) -> None:
        data = json.dumps({"error": message}).encode()
        handler.send_response(status)
        handler.send_header("X-Error-Code", code)
        handler.send_header("X-Error-Message", message)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


def _git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
