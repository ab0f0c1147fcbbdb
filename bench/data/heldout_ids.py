"""Print the 30 held-out article ids for incidents-heldout-gold.json.

The 180 articles of violent-headlines.jsonl not in to-annotate.txt (the development set),
sampled with random.Random(2026).sample(sorted(remaining), 30), printed in sample order.
"""
import json
import random
import sys

BASE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/incidents"


def heldout_ids(base=BASE):
    with open(f"{base}/violent-headlines.jsonl") as f:
        ids = [json.loads(line)["id"] for line in f if line.strip()]
    with open(f"{base}/to-annotate.txt") as f:
        dev = {line.strip() for line in f if line.strip()}
    remaining = [i for i in ids if i not in dev]
    return random.Random(2026).sample(sorted(remaining), 30)


if __name__ == "__main__":
    for i in heldout_ids():
        print(i)
