"""A tiny real image captioner for tests and benchmarks: a VisionEncoderDecoderModel (ViT 2 layers + GPT-2 2
layers) trained on synthetic pictures of coloured shapes, saved as an ordinary Hugging Face folder.

No captioning weights install offline, so the tests train this one (about a minute on 2 cores) once per
cache. It learns to say "a red circle" of a fresh picture it never saw: a real model, real captions.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

COLOURS = {"red": (220, 30, 30), "green": (30, 170, 40), "blue": (30, 60, 220), "yellow": (235, 200, 20)}
SHAPES = ("circle", "square", "triangle")
SPECIAL = ["<pad>", "<s>", "</s>", "<unk>"]
VOCAB = [*SPECIAL, "a", *COLOURS, *SHAPES, "photograph", "of"]
IMAGE_SIZE = 32
MODEL_NAME = "tiny-shapes-captioner-v1"


def draw_shape(shape: str, colour: str, rng: random.Random, size: int = 96) -> Image.Image:
    """One shape of one colour at a random place and size on a light, slightly noisy background."""
    background = tuple(rng.randint(225, 255) for _ in range(3))
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    extent = rng.randint(size * 4 // 10, size * 7 // 10)
    x0, y0 = rng.randint(0, size - extent), rng.randint(0, size - extent)
    box = (x0, y0, x0 + extent, y0 + extent)
    fill = tuple(max(0, min(255, c + rng.randint(-20, 20))) for c in COLOURS[colour])
    if shape == "circle":
        draw.ellipse(box, fill=fill)
    elif shape == "square":
        draw.rectangle(box, fill=fill)
    else:
        draw.polygon([(x0 + extent / 2, y0), (x0, y0 + extent), (x0 + extent, y0 + extent)], fill=fill)
    noise = np.asarray(image, dtype=np.int16) + np.random.default_rng(rng.randint(0, 2**31)).integers(
        -8, 9, (size, size, 3)
    )
    return Image.fromarray(noise.clip(0, 255).astype(np.uint8))


def caption_of(shape: str, colour: str) -> str:
    return f"a {colour} {shape}"


def fresh_examples(count: int, seed: int) -> list[tuple[Image.Image, str]]:
    rng = random.Random(seed)
    examples = []
    for i in range(count):
        shape, colour = SHAPES[i % len(SHAPES)], list(COLOURS)[(i // len(SHAPES)) % len(COLOURS)]
        examples.append((draw_shape(shape, colour, rng), caption_of(shape, colour)))
    return examples


def _tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(models.WordLevel({word: i for i, word in enumerate(VOCAB)}, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return PreTrainedTokenizerFast(
        tokenizer_object=core, bos_token="<s>", eos_token="</s>", pad_token="<pad>", unk_token="<unk>"
    )


def build_tiny_captioner(folder: Path, steps: int = 1500, seed: int = 0) -> Path:
    """Train and save the captioner into `folder / MODEL_NAME` unless it is already there."""
    target = folder / MODEL_NAME
    if (target / "model.safetensors").is_file():
        return target
    import torch
    from transformers import (
        GPT2Config,
        GPT2LMHeadModel,
        VisionEncoderDecoderModel,
        ViTConfig,
        ViTImageProcessorPil,
        ViTModel,
    )

    torch.manual_seed(seed)
    tokenizer = _tokenizer()
    processor = ViTImageProcessorPil(
        size={"height": IMAGE_SIZE, "width": IMAGE_SIZE}, image_mean=[0.5] * 3, image_std=[0.5] * 3
    )
    encoder = ViTModel(
        ViTConfig(
            image_size=IMAGE_SIZE,
            patch_size=8,
            hidden_size=64,
            num_hidden_layers=2,
            num_attention_heads=4,
            intermediate_size=128,
        )
    )
    decoder = GPT2LMHeadModel(
        GPT2Config(
            vocab_size=len(VOCAB),
            n_positions=32,
            n_embd=64,
            n_layer=2,
            n_head=4,
            add_cross_attention=True,
            bos_token_id=1,
            eos_token_id=2,
            pad_token_id=0,
        )
    )
    model = VisionEncoderDecoderModel(encoder=encoder, decoder=decoder)
    model.config.decoder_start_token_id = tokenizer.bos_token_id
    model.config.pad_token_id = tokenizer.pad_token_id
    model.config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.decoder_start_token_id = tokenizer.bos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.max_length = 12

    examples = fresh_examples(1200, seed=seed + 1)
    pixels = processor([image for image, _ in examples], return_tensors="pt").pixel_values
    labels = tokenizer([text + " </s>" for _, text in examples], padding=True, return_tensors="pt").input_ids
    labels[labels == tokenizer.pad_token_id] = -100
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=steps)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(steps):
        batch = torch.randint(0, len(examples), (32,), generator=generator)
        loss = model(pixel_values=pixels[batch], labels=labels[batch]).loss
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
    model.eval()
    return save_trained(
        target, (model, tokenizer, processor), {"steps": steps, "seed": seed, "final_loss": float(loss.detach())}
    )


def save_trained(target: Path, parts: tuple, report: dict) -> Path:
    """Save a trained model's parts (model, tokenizer, processor) and its training report into `target`,
    through a .partial folder renamed at the end: an interrupted run never leaves a half-saved cache."""
    partial = target.with_name(target.name + ".partial")
    for part in parts:
        part.save_pretrained(partial)
    (partial / "training.json").write_text(json.dumps(report))
    partial.rename(target)
    return target


def build_random_blip(folder: Path) -> Path:
    """A BLIP captioning model with random weights and a tiny vocabulary: its captions mean nothing, but it
    runs the app's BLIP path (text prompt input, [CLS]/[SEP] handling, cross-attention through the text
    decoder) the way Salesforce/blip-image-captioning-base does."""
    target = folder / "random-blip"
    if (target / "model.safetensors").is_file():
        return target
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import (
        BlipConfig,
        BlipForConditionalGeneration,
        BlipImageProcessorPil,
        BlipTextConfig,
        BlipVisionConfig,
        PreTrainedTokenizerFast,
    )

    torch.manual_seed(0)
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[DEC]", *VOCAB[4:]]
    core = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    core.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        cls_token="[CLS]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        unk_token="[UNK]",
        bos_token="[DEC]",
    )
    text = BlipTextConfig(
        vocab_size=len(words),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
        encoder_hidden_size=32,
        bos_token_id=4,
        eos_token_id=3,
        sep_token_id=3,
        pad_token_id=0,
    )
    vision = BlipVisionConfig(
        hidden_size=32, image_size=32, patch_size=8, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64
    )
    model = BlipForConditionalGeneration(BlipConfig(text_config=text.to_dict(), vision_config=vision.to_dict()))
    model.generation_config.max_length = 12
    model.save_pretrained(target)
    tokenizer.save_pretrained(target)
    BlipImageProcessorPil(size={"height": 32, "width": 32}).save_pretrained(target)
    return target


def _word_tokenizer(words: list[str], **special: object):
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return PreTrainedTokenizerFast(tokenizer_object=core, unk_token="<unk>", **special)


def build_random_florence2(folder: Path) -> Path:
    """A Florence-2 with random weights (DaViT vision tower and BART, a few thousand parameters) and its real
    processor: it runs the app's task-prompt path the way florence-community/Florence-2-base does."""
    target = folder / "random-florence2"
    if (target / "model.safetensors").is_file():
        return target
    import torch
    from transformers import (
        BartConfig,
        CLIPImageProcessor,
        Florence2Config,
        Florence2ForConditionalGeneration,
        Florence2Processor,
        Florence2VisionConfig,
    )

    torch.manual_seed(0)
    prompt_words = [
        "what",
        "does",
        "the",
        "image",
        "describe?",
        "in",
        "detail",
        "is",
        "shown",
        "with",
        "a",
        "paragraph",
        "text",
    ]
    words = ["<s>", "<pad>", "</s>", "<unk>", "<image>", *prompt_words, *VOCAB[4:]]
    tokenizer = _word_tokenizer(
        words, bos_token="<s>", eos_token="</s>", pad_token="<pad>", extra_special_tokens={"image_token": "<image>"}
    )
    vision = Florence2VisionConfig(
        depths=(1, 1),
        patch_size=(7, 3),
        patch_stride=(4, 2),
        patch_padding=(3, 1),
        patch_prenorm=(False, True),
        embed_dim=(16, 32),
        num_heads=(2, 4),
        num_groups=(2, 4),
        window_size=2,
        projection_dim=32,
        max_position_embeddings=50,
    )
    text = BartConfig(
        vocab_size=len(words),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=128,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    config = Florence2Config(vision_config=vision.to_dict(), text_config=text.to_dict(), image_token_id=4)
    model = Florence2ForConditionalGeneration(config)
    # A 32 px image: DaViT's two stages leave a 4 x 4 grid, plus one pooled token.
    image_processor = CLIPImageProcessor(
        size={"height": 32, "width": 32},
        crop_size={"height": 32, "width": 32},
        do_center_crop=False,
        image_seq_length=17,
    )
    model.save_pretrained(target)
    Florence2Processor(image_processor=image_processor, tokenizer=tokenizer).save_pretrained(target)
    return target


def build_random_smolvlm(folder: Path) -> Path:
    """A SmolVLM (SigLIP-style vision tower and a Llama) with random weights and its real processor and chat
    template: it runs the app's ask-about-the-image path the way HuggingFaceTB/SmolVLM-256M-Instruct does."""
    target = folder / "random-smolvlm"
    if (target / "model.safetensors").is_file():
        return target
    import torch
    from transformers import (
        LlamaConfig,
        SmolVLMConfig,
        SmolVLMForConditionalGeneration,
        SmolVLMImageProcessor,
        SmolVLMProcessor,
        SmolVLMVideoProcessor,
    )
    from transformers.models.smolvlm.configuration_smolvlm import SmolVLMVisionConfig

    torch.manual_seed(0)
    special = ["<|im_start|>", "<unk>", "<end_of_utterance>", "<image>", "<fake_token_around_image>", "<global-img>"]
    prompt_words = ["what", "is", "in", "this", "image?", "describe", "one", "sentence"]
    words = [*special, "User:", "Assistant:", *prompt_words, *VOCAB[4:]]
    tokenizer = _word_tokenizer(
        words,
        bos_token="<|im_start|>",
        eos_token="<end_of_utterance>",
        pad_token="<unk>",
        additional_special_tokens=special[3:],
        extra_special_tokens={
            "image_token": "<image>",
            "fake_image_token": "<fake_token_around_image>",
            "global_image_token": "<global-img>",
            "end_of_utterance_token": "<end_of_utterance>",
        },
    )
    vision = SmolVLMVisionConfig(
        hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2, image_size=32, patch_size=8
    )
    text = LlamaConfig(
        vocab_size=len(words),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=256,
    )
    model = SmolVLMForConditionalGeneration(
        SmolVLMConfig(
            vision_config=vision.to_dict(), text_config=text.to_dict(), image_token_id=3, scale_factor=2, pad_token_id=1
        )
    )
    chat = (
        "{% for message in messages %}{{ message['role'] | capitalize }}:{% for part in message['content'] %}"
        "{% if part['type'] == 'image' %} <image>{% else %} {{ part['text'] }}{% endif %}{% endfor %}"
        "<end_of_utterance>\n{% endfor %}{% if add_generation_prompt %}Assistant:{% endif %}"
    )
    image_processor = SmolVLMImageProcessor(
        do_image_splitting=False, size={"longest_edge": 32}, max_image_size={"longest_edge": 32}
    )
    model.save_pretrained(target)
    # 32 px, 8 px patches, pixel shuffle by 2: (32 / 8) ** 2 / 2 ** 2 = 4 image tokens.
    SmolVLMProcessor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        video_processor=SmolVLMVideoProcessor(),
        image_seq_len=4,
        chat_template=chat,
    ).save_pretrained(target)
    return target
