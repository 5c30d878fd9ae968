"""Text augmentation after EDA (Wei & Zou 2019): synonym replacement from WordNet, random insertion of
synonyms, random deletion and random swap; each takes a strength (the share of words touched) and a seeded
random generator, so the same seed always gives the same copy.

WordNet is the Princeton database as Debian's `wordnet-base` installs it (/usr/share/wordnet), read through
NLTK's own reader: a real lexical database that needs no download."""

from __future__ import annotations

import functools
import io
import random
import re
import warnings
from pathlib import Path
from typing import Any

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import tr

WORDNET_DIR = Path("/usr/share/wordnet")  # owned by Debian's wordnet-base
# NLTK's reader wants the lexicographer file names, which wordnet-base ships only as a manual page
# (lexnames(5WN)); they are fixed by WordNet 3.0: number, name, syntactic category.
_LEXNAMES = [
    "adj.all 3", "adj.pert 3", "adv.all 4", "noun.Tops 1", "noun.act 1", "noun.animal 1", "noun.artifact 1",
    "noun.attribute 1", "noun.body 1", "noun.cognition 1", "noun.communication 1", "noun.event 1",
    "noun.feeling 1", "noun.food 1", "noun.group 1", "noun.location 1", "noun.motive 1", "noun.object 1",
    "noun.person 1", "noun.phenomenon 1", "noun.plant 1", "noun.possession 1", "noun.process 1",
    "noun.quantity 1", "noun.relation 1", "noun.shape 1", "noun.state 1", "noun.substance 1", "noun.time 1",
    "verb.body 2", "verb.change 2", "verb.cognition 2", "verb.communication 2", "verb.competition 2",
    "verb.consumption 2", "verb.contact 2", "verb.creation 2", "verb.emotion 2", "verb.motion 2",
    "verb.perception 2", "verb.possession 2", "verb.social 2", "verb.stative 2", "verb.weather 2", "adj.ppl 3",
]  # fmt: skip
# Words EDA leaves alone: swapping "the" for a synonym only adds noise.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "to",
        "from",
        "in",
        "on",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "our",
        "their",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "when",
        "where",
        "why",
        "not",
        "no",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "as",
        "so",
        "than",
        "too",
        "very",
        "just",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@functools.cache
def wordnet() -> Any:
    if not (WORDNET_DIR / "data.noun").is_file():
        raise InvalidRequestError(
            tr("Synonyms need the WordNet database, which is not installed."),
            hint=tr("Install it with: sudo apt install wordnet-base"),
        )
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    if str(WORDNET_DIR) not in nltk.data.path:
        nltk.data.path.append(str(WORDNET_DIR))  # NLTK reads only under its data paths

    class DebianWordNet(WordNetCorpusReader):  # type: ignore[misc]
        def open(self, file: str) -> Any:
            if file == "lexnames":
                return io.StringIO("".join(f"{i:02d} {line}\n" for i, line in enumerate(_LEXNAMES)))
            return super().open(file)

        def map_wn(self, version: str = "wordnet") -> None:
            return None  # the mapping to other WordNet versions serves other languages' wordnets: English only

    with warnings.catch_warnings():  # "multilingual functions are not available": English is what is used
        warnings.simplefilter("ignore", UserWarning)
        return DebianWordNet(str(WORDNET_DIR), None)


def synonyms(word: str) -> list[str]:
    """WordNet's synonyms of `word` (every sense), without the word itself, sorted for determinism."""
    found = {lemma.name().replace("_", " ") for synset in wordnet().synsets(word.lower()) for lemma in synset.lemmas()}
    return sorted(s for s in found if s.lower() != word.lower() and s.isascii())


def _candidates(words: list[str]) -> list[int]:
    return [i for i, w in enumerate(words) if _WORD.fullmatch(w) and w.lower() not in STOP_WORDS]


def _count(words: list[str], strength: float) -> int:
    return max(1, round(len(words) * strength)) if words else 0


def synonym_replace(text: str, strength: float, rng: random.Random) -> tuple[str, str]:
    words = text.split()
    places = _candidates(words)
    rng.shuffle(places)
    wanted = _count(words, strength)
    changed: list[str] = []
    for index in places:
        if len(changed) >= wanted:
            break
        options = synonyms(words[index])
        if options:
            new = rng.choice(options)
            changed.append(f"{words[index]}→{new}")
            words[index] = _same_case(words[index], new)
    return " ".join(words), ", ".join(changed) or tr("no word had a synonym")


def random_insert(text: str, strength: float, rng: random.Random) -> tuple[str, str]:
    words = text.split()
    places = _candidates(words)
    wanted = _count(words, strength)
    added: list[str] = []
    for _ in range(wanted * 3):  # some words have no synonyms: try a few more
        if len(added) >= wanted or not places:
            break
        options = synonyms(words[rng.choice(places)])
        if options:
            new = rng.choice(options)
            words.insert(rng.randrange(len(words) + 1), new)
            added.append(new)
    return " ".join(words), "+ " + ", ".join(added) if added else tr("no word had a synonym")


def random_delete(text: str, strength: float, rng: random.Random) -> tuple[str, str]:
    words = text.split()
    if len(words) < 2:
        return text, tr("too short to delete from")
    kept = [w for w in words if rng.random() >= strength]
    if not kept:
        kept = [rng.choice(words)]
    removed = len(words) - len(kept)
    return " ".join(kept), f"- {removed}"


def random_swap(text: str, strength: float, rng: random.Random) -> tuple[str, str]:
    words = text.split()
    if len(words) < 2:
        return text, tr("too short to swap")
    swaps = _count(words, strength)
    for _ in range(swaps):
        a, b = rng.randrange(len(words)), rng.randrange(len(words))
        words[a], words[b] = words[b], words[a]
    return " ".join(words), f"⇄ {swaps}"


def _same_case(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new
