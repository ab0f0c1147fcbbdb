"""Print the 40 third held-out article ids for incidents-heldout3-gold.json.

The 110 articles of violent-headlines.jsonl in neither to-annotate.txt (the development set),
the first held-out set (heldout_ids.py) nor the second (heldout2_ids.py), sampled with
random.Random(2028).sample(sorted(remaining), 40), printed in sample order.
"""
import importlib.util
import json
import random
import sys
from pathlib import Path


def _sibling(name):
    """A function of the script beside this one (these scripts are run by path, not imported)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


heldout_ids = _sibling("heldout_ids")
heldout2_ids = _sibling("heldout2_ids")

BASE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/incidents"


def heldout3_ids(base=BASE):
    with open(f"{base}/violent-headlines.jsonl") as f:
        ids = [json.loads(line)["id"] for line in f if line.strip()]
    with open(f"{base}/to-annotate.txt") as f:
        dev = {line.strip() for line in f if line.strip()}
    first = set(heldout_ids(base))
    second = set(heldout2_ids(base))
    remaining = [i for i in ids if i not in dev and i not in first and i not in second]
    assert len(remaining) == 110, len(remaining)
    return random.Random(2028).sample(sorted(remaining), 40)


if __name__ == "__main__":
    for i in heldout3_ids():
        print(i)
