"""Fold place names into look-up keys.

A key is lower-case ASCII words separated by single spaces: diacritics stripped,
apostrophes and dots dropped ("U.S." -> "us"), hyphens and other punctuation made
spaces, Arabic article spellings folded to "al" ("Deir ez-Zor" -> "deir al zor"),
and a leading "the" dropped. Index and query use the same function, so spelling
variants that fold alike match exactly.

>>> name_key("Deir ez-Zor")
'deir al zor'
>>> name_key("U.S.")
'us'
>>> name_key("Ālbū Kamāl")
'albu kamal'
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

_RULES = tomllib.loads(
    resources.files("gazetteer").joinpath("data/normalize.toml").read_text("utf-8")
)
_ARTICLES = frozenset(_RULES["articles"])
# (public: the geoparser skips them between a preposition and a name, "near al-Bab")
ARTICLES = _ARTICLES
_LEADING = frozenset(_RULES["leading"])
_LETTERS = str.maketrans(_RULES["letters"])
# Apostrophes, okinas and dots vanish ("Ta'izz" = "Taizz", "St." = "St");
# every other non-alphanumeric character separates words.
_DROP = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4.]")
_SEPARATE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Return the look-up key of ``name`` ('' when nothing is left)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().translate(_LETTERS)
    s = _DROP.sub("", s)
    words = _SEPARATE.sub(" ", s).split()
    if len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return " ".join(
        "al" if w in _ARTICLES and i + 1 < len(words) else w for i, w in enumerate(words)
    )


_SKELETON = _RULES["skeleton"]
_SKELETON_DROP = re.compile("|".join(_SKELETON["drop"]))
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """A looser key for transliterations: "touqan" and "tuqan", "teir maaleh" and
    "tayr malah" share one.

    >>> skeleton(name_key("Teir Maaleh")) == skeleton(name_key("Tayr Ma`lah"))
    True
    >>> skeleton(name_key("Touqan")) == skeleton(name_key("Ţūqān"))
    True
    """
    s = _SKELETON_DROP.sub(" ", key).strip()
    for old, new in _SKELETON["replace"]:
        s = s.replace(old, new)
    return _DOUBLED.sub(r"\1", s).replace(" ", "")


def without_article(key: str) -> str | None:
    """The key without its leading article ("al qaim" -> "qaim"), or None."""
    head, _, rest = key.partition(" ")
    return rest if head == "al" and rest else None


def prefix_key(name: str) -> str:
    """The key of ``name`` as the start of a longer name: a final article folds as it
    would before another word ("Deir ez" -> "deir al", the start of "deir al zor")."""
    return name_key(name + " x")[:-2]
