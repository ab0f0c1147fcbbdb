"""Regular-expression pieces built from the word lists of the data files."""

from __future__ import annotations

import re


def alternation(words) -> str:
    """ "a|b|c" matching any of ``words``, longest first (so "north-east" is tried before
    "north"), with any run of spaces where a phrase has one.

    >>> alternation(["in", "near", "next to"])
    'next\\\\s+to|near|in'
    """
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
