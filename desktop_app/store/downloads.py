"""Downloads from the Hugging Face Hub that a user can trust: listed first, sized, checked, resumable.

The repo's files are listed at a pinned commit before anything is fetched, and exactly what the model needs
is downloaded (its weights in one format, its configs and tokenizer). Free space is checked first. Each file
arrives as `<name>.part`, is resumed from where it stopped with an HTTP range request, is checked against the
size and sha256 the Hub lists, and only then takes its real name; the folder is complete once its manifest is
written. Nothing half-written is ever loaded. The endpoint comes from `HF_ENDPOINT`, so a mirror (or the
tests' loopback server) works the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import (
    AppError,
    DiskSpaceError,
    DownloadError,
    JobCancelledError,
    ModelLoadError,
    ModelNotFoundError,
)
from desktop_app.core.i18n import arg, tr
from desktop_app.core.units import human_size
from desktop_app.store.disk_space import require_free_space
from desktop_app.store.model_checks import refuse_remote_code_config
from desktop_app.store.repo_files import COMPLETE_MARKER, PYTORCH_BIN, RepoFiles
from desktop_app.store.transfer_progress import TransferProgress

CONNECT_TIMEOUT_S = 10.0
# A server that accepts and then goes silent (a stuck proxy, a captive portal) is given up on after this.
READ_TIMEOUT_S = float(os.environ.get("DESKTOP_APP_NETWORK_TIMEOUT_S") or 30.0)
COMMIT = re.compile(r"^[0-9a-f]{40}$")


def hub_endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")


@dataclass(frozen=True)
class RepoListing:
    """A repo at one commit, as the Hub lists it."""

    hub_id: str
    revision: str
    commit: str
    files: RepoFiles
    sha256: dict[str, str] = field(default_factory=dict)  # of the files stored with LFS
    licence: str = ""
    config: dict[str, Any] = field(default_factory=dict)

    def plan(self) -> list[str]:
        return self.files.needed()

    @property
    def download_bytes(self) -> int:
        return self.files.size_of(self.plan())


def repo_folder(downloads_root: Path, hub_id: str) -> Path:
    return downloads_root / hub_id.replace("/", "--")


def downloaded_snapshot(downloads_root: Path, hub_id: str, revision: str = "main") -> tuple[Path, str] | None:
    """The folder and commit of a complete download of `hub_id`: at `revision` (a commit, or a branch that was
    downloaded before) when there is one, else the newest complete one; None when there is none."""
    repo = repo_folder(downloads_root, hub_id)
    commit = revision if COMMIT.match(revision) else _read(repo / "refs" / revision.replace("/", "--"))
    if commit and (repo / commit / COMPLETE_MARKER).is_file():
        return repo / commit, commit
    complete = [marker.parent for marker in repo.glob(f"*/{COMPLETE_MARKER}") if COMMIT.match(marker.parent.name)]
    if not complete:
        return None
    newest = max(complete, key=lambda folder: (folder / COMPLETE_MARKER).stat().st_mtime)
    return newest, newest.name


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def fetch_listing(hub_id: str, revision: str = "main") -> RepoListing:
    """The files, sizes, checksums, licence and config of `hub_id` at `revision`, from the Hub's API."""
    from huggingface_hub import HfApi

    with _hub_errors(hub_id, revision):
        info = HfApi(endpoint=hub_endpoint()).model_info(
            hub_id, revision=revision, files_metadata=True, timeout=READ_TIMEOUT_S
        )
    siblings = [s for s in info.siblings or [] if "/" not in s.rfilename]  # top-level files only
    sizes = {s.rfilename: int(s.size or (s.lfs.size if s.lfs else 0) or 0) for s in siblings}
    sha256 = {s.rfilename: s.lfs.sha256 for s in siblings if s.lfs is not None and s.lfs.sha256}
    card = info.card_data
    licence = str((card.get("license") if card is not None else None) or _licence_tag(info.tags or []))
    return RepoListing(
        hub_id, revision, str(info.sha or revision), RepoFiles(sizes), sha256, licence, dict(info.config or {})
    )


def _licence_tag(tags: list[str]) -> str:
    return next((tag.removeprefix("license:") for tag in tags if tag.startswith("license:")), "")


def download_model(
    hub_id: str, revision: str, downloads_root: Path, ctx: JobContext, listing: RepoListing | None = None
) -> tuple[Path, str]:
    """Download what `hub_id` needs at `revision` into the app's cache (resuming a partial download) and
    return the folder and the commit."""
    done = downloaded_snapshot(downloads_root, hub_id, revision)
    if done is not None:
        return done
    ctx.progress(arg(tr("Listing the files of %1"), hub_id), None)
    listing = listing or fetch_listing(hub_id, revision)
    refuse_remote_code_config(listing.config, arg(tr("%1 (revision %2)"), hub_id, listing.commit[:12]))
    if not listing.files.weight_format():
        raise ModelLoadError(
            listing.files.unsupported_message(arg(tr("%1 (revision %2)"), hub_id, listing.commit[:12])),
            hint=tr("Choose a version of the model saved for PyTorch (many Hub repos have one)."),
        )
    folder = repo_folder(downloads_root, hub_id) / listing.commit
    plan = listing.plan()
    remaining = sum(max(listing.files.sizes.get(name, 0) - _have(folder, name), 0) for name in plan)
    # .bin weights are converted to safetensors beside themselves once they are here: room for both.
    conversion = listing.files.size_of(listing.files.pytorch_bin) if listing.files.weight_format() == PYTORCH_BIN else 0
    require_free_space(
        folder, remaining + conversion, arg(tr("downloading %1 (%2)"), hub_id, human_size(listing.download_bytes))
    )
    folder.mkdir(parents=True, exist_ok=True)
    progress = TransferProgress(
        ctx, arg(tr("Downloading %1"), hub_id), listing.download_bytes, listing.download_bytes - remaining
    )
    progress.report()
    for name in plan:
        _fetch_file(listing, name, folder, progress, ctx)
    progress.report()
    manifest = {
        "hub_id": hub_id,
        "revision": revision,
        "commit": listing.commit,
        "licence": listing.licence,
        "files": {name: listing.files.sizes.get(name, 0) for name in plan},
    }
    (folder / COMPLETE_MARKER).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    if not COMMIT.match(revision):  # a branch: remember which commit it meant, for offline use later
        refs = repo_folder(downloads_root, hub_id) / "refs"
        refs.mkdir(exist_ok=True)
        (refs / revision.replace("/", "--")).write_text(listing.commit, encoding="utf-8")
    return folder, listing.commit


def _have(folder: Path, name: str) -> int:
    for candidate in (folder / name, folder / f"{name}.part"):
        if candidate.is_file():
            return candidate.stat().st_size
    return 0


def _fetch_file(listing: RepoListing, name: str, folder: Path, progress: TransferProgress, ctx: JobContext) -> None:
    from huggingface_hub import hf_hub_url
    from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

    final, part = folder / name, folder / f"{name}.part"
    if final.is_file():
        return
    expected = listing.files.sizes.get(name) or None
    digest = hashlib.sha256()
    have = part.stat().st_size if part.is_file() else 0
    if expected is not None and have > expected:  # not the file we are after: start again
        part.unlink()
        have = 0
    if have and name in listing.sha256:
        _hash_existing(part, digest, ctx)
    url = hf_hub_url(listing.hub_id, name, revision=listing.commit, endpoint=hub_endpoint())
    headers = build_hf_headers()
    if have:
        headers["Range"] = f"bytes={have}-"
    if expected is None or have < expected:
        with (
            _hub_errors(listing.hub_id, listing.commit),
            get_session().stream("GET", url, headers=headers, timeout=_timeout()) as response,
        ):
            hf_raise_for_status(response)
            if have and response.status_code == 200:  # the server ignored the range: it sends the whole file
                progress.add(-have)
                part.unlink()
                digest, have = hashlib.sha256(), 0
            try:
                with part.open("ab") as out:
                    for chunk in response.iter_bytes():
                        if ctx.cancelled:
                            raise JobCancelledError()
                        out.write(chunk)
                        digest.update(chunk)
                        progress.add(len(chunk))
            except OSError as exc:
                raise DiskSpaceError(
                    arg(tr("Could not write %1: %2."), part, exc.strerror or exc),
                    hint=tr("Free some disk space and download again; it resumes."),
                ) from exc
    size = part.stat().st_size if part.is_file() else 0
    if expected is not None and size != expected:
        raise DownloadError(
            arg(
                tr("The download of %1 from %2 stopped at %3 of %4."),
                name,
                listing.hub_id,
                human_size(size),
                human_size(expected),
            ),
            hint=tr("Download again: it resumes where it stopped."),
        )
    wanted = listing.sha256.get(name)
    if wanted and digest.hexdigest() != wanted:
        part.unlink(missing_ok=True)
        raise DownloadError(
            arg(tr("%1 from %2 arrived damaged (its checksum does not match the Hub's)."), name, listing.hub_id),
            hint=tr("Download again; the damaged copy was removed."),
            detail=arg(tr("expected sha256 %1, got %2"), wanted, digest.hexdigest()),
        )
    if not part.exists():  # an empty file: the stream wrote nothing
        part.touch()
    os.replace(part, final)


def _hash_existing(part: Path, digest: Any, ctx: JobContext) -> None:
    with part.open("rb") as existing:
        while block := existing.read(8 * 1024 * 1024):
            ctx.check_cancelled()
            digest.update(block)


def _timeout() -> Any:
    import httpx2

    return httpx2.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)


@contextlib.contextmanager
def _hub_errors(hub_id: str, revision: str) -> Iterator[None]:
    """Turns what the Hub and the network raise into messages that say what happened and what to do."""
    try:
        yield
    except (JobCancelledError, AppError):
        raise
    except Exception as exc:
        error = _as_app_error(exc, hub_id, revision)
        if error is None:
            raise
        raise error from exc


def _as_app_error(exc: Exception, hub_id: str, revision: str) -> AppError | None:
    import httpx2
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    what = f"'{hub_id}'"
    resume = "Check the network connection and download again: finished files are kept and the rest resumes."
    if isinstance(exc, RevisionNotFoundError):
        return ModelNotFoundError(
            arg(tr("The model %1 has no revision '%2' on the Hub."), what, revision),
            hint=tr("Check the revision (a branch, tag or 40-character commit)."),
        )
    if isinstance(exc, GatedRepoError):
        return DownloadError(
            arg(tr("The model %1 is gated: the Hub wants you to accept its terms first."), what),
            hint=tr("Accept them on the model's page, then log in with `hf auth login`."),
        )
    if isinstance(exc, RepositoryNotFoundError):
        return ModelNotFoundError(
            arg(tr("There is no model %1 on the Hugging Face Hub (or it is private)."), what),
            hint=tr("Check the spelling: owner/name, as on the model's page."),
        )
    if isinstance(exc, OfflineModeIsEnabled):
        return DownloadError(
            arg(tr("Could not download %1: downloads are off (HF_HUB_OFFLINE is set)."), what),
            hint=tr("Unset HF_HUB_OFFLINE to download, or add a copy of the model folder."),
        )
    if isinstance(exc, HfHubHTTPError):
        status = exc.response.status_code if exc.response is not None else 0
        if status in (401, 403):
            return DownloadError(
                arg(tr("The Hub refused access to %1 (%2)."), what, status),
                hint=tr("Log in with `hf auth login` if the model is private or gated."),
            )
        return DownloadError(
            arg(tr("The Hub answered %1 for %2."), status, what), hint=tr("Try again later."), detail=str(exc)
        )
    if isinstance(exc, httpx2.TimeoutException):
        return DownloadError(
            arg(tr("The Hub did not answer in time while downloading %1."), what), hint=resume, detail=repr(exc)
        )
    if isinstance(exc, httpx2.HTTPError | OSError):
        return DownloadError(
            arg(tr("The connection to the Hub was lost while downloading %1."), what), hint=resume, detail=repr(exc)
        )
    return None
