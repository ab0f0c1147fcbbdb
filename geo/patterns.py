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


# alternation() as a prefix tree ("s(?:hell(?:ing|ed|s|)|tabb(?:ing|ed))"): at each word the
# engine tries the few letters the list starts with, not every entry (six times faster for
# the cues). The tree keeps the list's order at each branch, so a longer entry is still tried
# before an entry it starts with, and branches are told apart by one token each (a letter,
# folded, for these case-insensitive patterns, or a run of spaces): what matches is unchanged.
_TOKEN = re.compile(r"\\s\+|\\.|.", re.DOTALL)


def tree(words) -> str:
    """A case-insensitive pattern's group matching any of ``words``, as ``alternation`` orders them."""
    entries = sorted(words, key=len, reverse=True)      # alternation()'s order
    return _branches([tuple(_TOKEN.findall(alternation([w]))) for w in entries])


def _branches(entries: list[tuple[str, ...]]) -> str:
    rests: dict[str, tuple[str, list[tuple[str, ...]]]] = {}
    for e in entries:
        head = e[0] if e else ""
        rests.setdefault(head.lower(), (head, []))[1].append(e[1:])
    parts = [head + _branches(rest) if head else "" for head, rest in rests.values()]
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
