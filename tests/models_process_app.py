"""The window as `desktop-app` runs it, with its models in their own process, driven through a chat answer,
a bad file, a cancelled answer and shutdown; prints what it saw as JSON (tests/test_models_process.py).

A process of its own: whether the window's process imported torch can only be told in a fresh one."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import Application, configure_environment
    from desktop_app.core.requests import GenerationRequest, TranscriptionRequest
    from desktop_app.store.paths import AppPaths

    configure_environment()
    qt = QApplication(sys.argv)
    app = Application(AppPaths.from_environment(), preload_models=False, models_process=True)
    app.show()
    app.start_worker()
    events: list[tuple[str, object]] = []
    for name in ("job_finished", "job_failed", "job_cancelled", "job_partial"):
        getattr(app.worker, name).connect(lambda event, name=name: events.append((name, event)))

    def ended(job: int, timeout_s: float = 300) -> tuple[str, object]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            qt.processEvents()
            time.sleep(0.01)
            for name, event in events:
                if name != "job_partial" and getattr(event, "job_id", None) == job:
                    return name, event
        raise TimeoutError(job)

    named: list[str] = []  # what the status bar says of the loaded models as each batch of the answer arrives
    app.worker.job_partial.connect(lambda event: named.append(app.window.job_status.models.text()))
    seen: dict[str, object] = {}
    job = app.worker.submit(GenerationRequest("Name three colours.", max_new_tokens=12, temperature=0.0))
    name, event = ended(job)
    seen["answer"] = [name, getattr(getattr(event, "result", None), "text", None)]
    seen["streamed"] = "".join(
        "".join(item.text for item in e.items)  # type: ignore[attr-defined]
        for n, e in events
        if n == "job_partial" and e.job_id == job  # type: ignore[attr-defined]
    )
    seen["status bar while the answer streamed"] = named[0] if named else None
    job = app.worker.submit(TranscriptionRequest("/no/such/recording.wav"))
    name, event = ended(job)
    seen["bad file"] = [name, getattr(getattr(event, "error", None), "message", None)]
    job = app.worker.submit(GenerationRequest("Tell me a long story.", max_new_tokens=2000, temperature=0.0))
    while not any(n == "job_partial" and e.job_id == job for n, e in events):  # type: ignore[attr-defined]
        qt.processEvents()
        time.sleep(0.01)
    app.worker.cancel(job)
    name, event = ended(job)
    partial = getattr(event, "partial_result", None)
    seen["cancelled"] = [name, getattr(partial, "finish_reason", None), getattr(partial, "new_tokens", None)]
    seen["models"] = [m.task.value for m in app.worker._runner.loaded_models()]  # type: ignore[union-attr]
    child = app.worker._runner.pid  # type: ignore[union-attr]
    seen["child is another process"] = child is not None and child != os.getpid()
    seen["window imported"] = sorted(m for m in ("torch", "transformers", "tokenizers") if m in sys.modules)
    app.shutdown()
    seen["child ended with the window"] = not os.path.exists(f"/proc/{child}")
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
