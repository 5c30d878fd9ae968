"""Downloads from the Hugging Face Hub, with progress and cancel, only when the network is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import DownloadError, JobCancelled, ModelNotFoundError

# Only safe, loadable formats: never pickled .bin weights from the network.
ALLOW_PATTERNS = ["*.json", "*.safetensors", "*.txt", "*.model", "*.tiktoken", "*.py.jinja", "*.jinja"]


def download_snapshot(hub_id: str, ctx: JobContext) -> tuple[Path, str]:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError
    from tqdm.auto import tqdm

    class CancellableProgress(tqdm):
        """huggingface_hub reports bytes through tqdm; we turn them into job progress and a cancel point."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["disable"] = False
            kwargs["file"] = open("/dev/null", "w")  # noqa: SIM115 - tqdm keeps writing to it
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> bool | None:
            if ctx.cancelled:
                raise JobCancelled()
            result = super().update(n)
            if self.total:
                ctx.progress(f"Downloading {hub_id}", min(self.n / self.total, 1.0))
            return result

    ctx.progress(f"Downloading {hub_id}", None)
    try:
        folder = snapshot_download(hub_id, allow_patterns=ALLOW_PATTERNS, tqdm_class=CancellableProgress)
    except JobCancelled:
        raise
    except RepositoryNotFoundError as exc:
        raise ModelNotFoundError(f"There is no model '{hub_id}' on the Hugging Face Hub.") from exc
    except (HfHubHTTPError, OSError) as exc:
        raise DownloadError(
            f"Could not download '{hub_id}': the Hugging Face Hub cannot be reached.",
            hint="Check the network connection, or put a copy of the model in a local folder.",
            detail=str(exc),
        ) from exc
    path = Path(folder)
    return path, path.name
