"""Print the article ids of a held-out incident gold: ``python bench/data/heldout_ids.py [1|2|3|4|5|6|7] [BASE]``.

Each set is drawn from the articles of violent-headlines.jsonl outside the development set
(to-annotate.txt) and the held-out sets before it, with ``random.Random(seed).sample`` of
their sorted ids, and printed in sample order:

- 1: incidents-heldout-gold.json, 30 of the 180 remaining, seed 2026;
- 2: incidents-heldout2-gold.json, 40 of the 150 remaining, seed 2027;
- 3: incidents-heldout3-gold.json, 40 of the 110 remaining, seed 2028;
- 4: incidents-heldout4-gold.json, 40 of the 70 remaining, seed 2029;
- 5: incidents-heldout5-gold.json, all 30 remaining, seed 2030;
- 6: incidents-heldout6-gold.json, from the geoparsing corpora instead (every article of
  violent-headlines.jsonl is in a set by now): 70 of the 108 articles of GWN, LGL and
  TR-News (``../geoparse/*.dev.jsonl``) with a violence word (``VIOLENCE``), seed 20261205,
  printed sorted as "CORPUS:doc_id";
- 7: incidents-heldout7-gold.json, the other 38 of the 108, sorted.
"""
import json
import random
import re
import sys

SETS = {1: (2026, 30, 180), 2: (2027, 40, 150), 3: (2028, 40, 110), 4: (2029, 40, 70), 5: (2030, 30, 30)}   # seed, drawn, remaining
BASE = "/work/shared/eval/incidents"


def heldout_ids(number: int = 1, base: str = BASE) -> list[str]:
    with open(f"{base}/violent-headlines.jsonl") as f:
        ids = [json.loads(line)["id"] for line in f if line.strip()]
    with open(f"{base}/to-annotate.txt") as f:
        taken = {line.strip() for line in f if line.strip()}
    for earlier in range(1, number):
        taken |= set(heldout_ids(earlier, base))
    seed, drawn, remaining = SETS[number]
    pool = [i for i in ids if i not in taken]
    assert len(pool) == remaining, len(pool)
    return random.Random(seed).sample(sorted(pool), drawn)


VIOLENCE = re.compile(r"\b(killed|bomb\w*|attack\w*|shot|shooting|gunm[ae]n|airstrikes?|air strikes?|shell(ed|ing)|"
                      r"rockets?|stabb\w+|explosion|militants?)\b", re.IGNORECASE)


def geoparse_pool(base: str = BASE) -> list[str]:
    """The 108 articles of the geoparsing corpora that have a violence word, in corpus and file order."""
    pool = []
    for corpus in ("GWN", "LGL", "TR-News"):
        with open(f"{base}/../geoparse/{corpus}.dev.jsonl", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if VIOLENCE.search(r["text"]):
                    pool.append(f"{r['corpus']}:{r['doc_id']}")
    assert len(pool) == 108, len(pool)
    return pool


def geoparse_ids(base: str = BASE) -> list[str]:
    """Set 6: 70 of the articles of the geoparsing corpora that have a violence word."""
    return sorted(random.Random(20261205).sample(geoparse_pool(base), 70))


def geoparse_rest_ids(base: str = BASE) -> list[str]:
    """Set 7: the other 38 of the 108, sorted."""
    taken = set(geoparse_ids(base))
    rest = sorted(i for i in geoparse_pool(base) if i not in taken)
    assert len(rest) == 38, len(rest)
    return rest


if __name__ == "__main__":
    number = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    base = sys.argv[2] if len(sys.argv) > 2 else BASE
    ids = geoparse_ids(base) if number == 6 else geoparse_rest_ids(base) if number == 7 else heldout_ids(number, base)
    for i in ids:
        print(i)
