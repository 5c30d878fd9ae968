"""A tiny real CLIP for tests and benchmarks: a CLIPModel (ViT 2 layers + text transformer 2 layers) trained
contrastively on synthetic pictures of coloured shapes and their captions, saved as a Hugging Face folder.

No CLIP or SigLIP weights install offline, so the tests train this one once per cache (well under a minute
on 2 cores). Zero-shot, it tells "a blue triangle" from the eleven other labels on fresh pictures.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.caption_helpers import COLOURS, SHAPES, caption_of, draw_shape, save_trained

# The end token must not be id 2: CLIP's text pooling treats eos_token_id == 2 as the legacy OpenAI
# vocabulary and takes the argmax id instead of the end token's position.
SPECIAL = ["<pad>", "<unk>", "<|startoftext|>", "<|endoftext|>"]
VOCAB = [*SPECIAL, "a", "photo", "of", *COLOURS, *SHAPES]
IMAGE_SIZE = 32
MODEL_NAME = "tiny-shapes-clip-v1"
CLASSES = [(shape, colour) for colour in COLOURS for shape in SHAPES]


def _tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(models.WordLevel({word: i for i, word in enumerate(VOCAB)}, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    end = VOCAB.index("<|endoftext|>")
    core.post_processor = processors.TemplateProcessing(
        single="$A <|endoftext|>", special_tokens=[("<|endoftext|>", end)]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token="<|startoftext|>",
        eos_token="<|endoftext|>",
        pad_token="<pad>",
        unk_token="<unk>",
        model_max_length=16,
    )


def build_tiny_clip(folder: Path, steps: int = 500, seed: int = 0) -> Path:
    """Train and save the model into `folder / MODEL_NAME` unless it is already there."""
    target = folder / MODEL_NAME
    if (target / "model.safetensors").is_file():
        return target
    import torch
    from transformers import CLIPConfig, CLIPImageProcessorPil, CLIPModel

    torch.manual_seed(seed)
    tokenizer = _tokenizer()
    processor = CLIPImageProcessorPil(
        size={"shortest_edge": IMAGE_SIZE},
        crop_size={"height": IMAGE_SIZE, "width": IMAGE_SIZE},
        image_mean=[0.5] * 3,
        image_std=[0.5] * 3,
    )
    text = {
        "vocab_size": len(VOCAB),
        "hidden_size": 64,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "max_position_embeddings": 16,
        "pad_token_id": 0,
        "bos_token_id": VOCAB.index("<|startoftext|>"),
        "eos_token_id": VOCAB.index("<|endoftext|>"),
    }
    vision = {
        "image_size": IMAGE_SIZE,
        "patch_size": 8,
        "hidden_size": 64,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
    }
    model = CLIPModel(CLIPConfig(text_config=text, vision_config=vision, projection_dim=32))
    rng = random.Random(seed + 1)
    pictures = [[draw_shape(shape, colour, rng) for _ in range(40)] for shape, colour in CLASSES]
    pixels = torch.stack([processor(images, return_tensors="pt").pixel_values for images in pictures])
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=steps)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    for step in range(steps):
        # one picture of each class per batch, so every other caption in it is a true negative
        which = torch.randint(0, pixels.shape[1], (len(CLASSES),), generator=generator)
        images = pixels[torch.arange(len(CLASSES)), which]
        phrasing = "a photo of {}" if step % 2 else "{}"
        captions = [phrasing.format(caption_of(shape, colour)) for shape, colour in CLASSES]
        inputs = tokenizer(captions, padding=True, return_tensors="pt")
        loss = model(pixel_values=images, **inputs, return_loss=True).loss
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
    model.eval()
    return save_trained(
        target, (model, tokenizer, processor), {"steps": steps, "seed": seed, "final_loss": float(loss.detach())}
    )
