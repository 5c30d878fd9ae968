"""A tiny real translator for tests and benchmarks: a MarianMTModel (d_model 64, 2+2 layers) trained on
template sentence pairs, English to Spanish, saved as an ordinary Hugging Face folder.

No neural translation weights install offline, so the tests train this one once per cache. It learns the
words and the Spanish order (the adjective after the noun) and translates combinations it never saw.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

NOUNS = {"cat": ("el", "gato"), "dog": ("el", "perro"), "bird": ("el", "pájaro"), "horse": ("el", "caballo")}
ADJECTIVES = {"red": "rojo", "black": "negro", "white": "blanco", "small": "pequeño"}
VERBS = {"sleeps": "duerme", "eats": "come", "runs": "corre", "sings": "canta"}
# As the opus-mt models number them: "</s>" first, "<pad>" last (it starts the decoder), which is also what
# CTranslate2's Marian converter expects when it drops the padding row.
FIRST, LAST = ["</s>", "<unk>"], ["<pad>"]
MODEL_NAME = "tiny-marian-en-es-v2"


def pair(noun: str, adjective: str, verb: str) -> tuple[str, str]:
    article, noun_es = NOUNS[noun]
    return f"the {adjective} {noun} {verb} .", f"{article} {noun_es} {ADJECTIVES[adjective]} {VERBS[verb]} ."


def all_pairs() -> list[tuple[str, str]]:
    return [pair(n, a, v) for n, a, v in itertools.product(NOUNS, ADJECTIVES, VERBS)]


def split_pairs(seed: int = 0, train: int = 44) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Training pairs and the unseen ones. Every word appears in training; the held-out ones are new
    combinations of them."""
    pairs = all_pairs()
    random.Random(seed).shuffle(pairs)
    return pairs[:train], pairs[train:]


def _tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    words = sorted({w for en, es in all_pairs() for w in (en + " " + es).split()})
    vocab = {w: i for i, w in enumerate(FIRST + words + LAST)}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    core.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", 0)])
    return PreTrainedTokenizerFast(tokenizer_object=core, eos_token="</s>", pad_token="<pad>", unk_token="<unk>")


def build_tiny_marian(folder: Path, steps: int = 600, seed: int = 0, init_seed: int = 1) -> Path:
    """Train and save the translator into `folder / MODEL_NAME` unless it is already there. `seed` picks the
    held-out pairs, `init_seed` the first weights: with 1, each translated word of a held-out sentence rests on
    its source word (with 0, "negro" in "the black horse runs ." comes from the noun alone)."""
    target = folder / MODEL_NAME
    if (target / "model.safetensors").is_file():
        return target
    import torch
    from transformers import MarianConfig, MarianMTModel

    torch.manual_seed(init_seed)
    tokenizer = _tokenizer()
    config = MarianConfig(
        vocab_size=len(tokenizer),
        d_model=64,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=128,
        decoder_ffn_dim=128,
        max_position_embeddings=64,
        scale_embedding=True,
        init_std=0.1,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
        share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    model.generation_config.max_length = 16
    model.generation_config.num_beams = 1
    model.generation_config.bad_words_ids = [[tokenizer.pad_token_id]]  # as opus-mt's: it only starts the decoder
    train, _ = split_pairs(seed)
    batch = tokenizer([en for en, _ in train], text_target=[es for _, es in train], padding=True, return_tensors="pt")
    batch["labels"][batch["labels"] == tokenizer.pad_token_id] = -100
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(steps):
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.eval()
    partial = folder / (MODEL_NAME + ".partial")
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    config_file = partial / "tokenizer_config.json"  # as MarianTokenizer records its language pair
    settings = json.loads(config_file.read_text())
    settings.update(source_lang="en", target_lang="es")
    config_file.write_text(json.dumps(settings, indent=2))
    (partial / "training.json").write_text(
        json.dumps({"steps": steps, "seed": seed, "init_seed": init_seed, "final_loss": float(loss.detach())})
    )
    partial.rename(target)
    return target


def build_random_m2m(folder: Path) -> Path:
    """An M2M100 model with random weights whose tokenizer has language tokens (__en__, __es__, __fr__): its
    output means nothing, but it runs the app's multilingual path (codes, the forced target token)."""
    target = folder / "random-m2m100"
    if (target / "model.safetensors").is_file():
        return target
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import M2M100Config, M2M100ForConditionalGeneration, PreTrainedTokenizerFast

    torch.manual_seed(0)
    languages = ["__en__", "__es__", "__fr__"]
    words = [
        "<s>",
        "<pad>",
        "</s>",
        "<unk>",
        *languages,
        *sorted({w for en, es in all_pairs() for w in (en + " " + es).split()}),
    ]
    core = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    core.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", 2)])
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        additional_special_tokens=languages,
    )
    config = M2M100Config(
        vocab_size=len(words),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=64,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(target)
    tokenizer.save_pretrained(target)
    return target
