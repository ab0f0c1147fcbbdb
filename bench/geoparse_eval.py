"""Geoparsing evaluation, following ../shared/eval/README.md.

    python -m bench.geoparse_eval ../shared/eval/geoparse/*.dev.jsonl [--errors 20]

Per corpus:
- recognition: precision, recall and F1 of predicted spans against gold spans (exact
  character offsets);
- resolution with given spans: accuracy@161 km, mean and median error (km), AUC;
- end to end: the same over all gold toponyms, a missed one counting 20,039 km.

Headline figures leave out gold toponyms that are demonyms (type "Demonym" or a name in
demonyms.txt); a prediction on such a span is neither credited nor counted. The figures
with demonyms included (and predicted: ``geoparse(..., demonyms=True)``) are printed
beside them. Gold toponyms without coordinates are ignored, and so are predictions on
their spans.
"""

from __future__ import annotations

import argparse
import math
import time
from collections import Counter
from pathlib import Path

import numpy as np

from .corpora import DEMONYMS, is_demonym, km, load_demonyms, read_docs

MAX_KM = 20039.0


def auc(errors: list[float]) -> float:
    """Area under the curve of sorted log errors (Gritta et al.); lower is better."""
    if len(errors) < 2:
        return float("nan")
    y = np.log(1 + np.sort(np.asarray(errors))) / math.log(MAX_KM)
    return float(np.trapezoid(y) / (len(y) - 1))


def resolution(errors: list[float]) -> dict:
    e = np.asarray(errors) if errors else np.asarray([MAX_KM])
    return {"acc@161": float((e <= 161).mean()), "mean_km": float(e.mean()),
            "median_km": float(np.median(e)), "auc": auc(list(e)), "n": len(errors)}


def evaluate(docs: list[dict], demonyms: set[str]) -> dict:
    out = {}
    for with_dem in (False, True):
        tp = fp = fn = 0
        e2e, given = [], []
        for doc in docs:
            gold = [t for t in doc["toponyms"] if t.get("lat") is not None and t.get("lon") is not None]
            is_dem = {(t["start"], t["end"]) for t in gold if is_demonym(t, demonyms)}
            # Gold toponyms without coordinates are ignored: a prediction on one is
            # neither credited nor counted against precision.
            no_coords = {(t["start"], t["end"]) for t in doc["toponyms"]
                         if t.get("lat") is None or t.get("lon") is None}
            scored = [t for t in gold if with_dem or (t["start"], t["end"]) not in is_dem]
            gold_spans = {(t["start"], t["end"]): t for t in scored}

            pred = doc["_pred_dem" if with_dem else "_pred"]
            pred_spans = {(p.start, p.end): p for p in pred
                          if (with_dem or (p.start, p.end) not in is_dem) and (p.start, p.end) not in no_coords}
            tp += len(set(pred_spans) & set(gold_spans))
            fp += len(set(pred_spans) - set(gold_spans))
            fn += len(set(gold_spans) - set(pred_spans))
            for span, t in gold_spans.items():
                p = pred_spans.get(span)
                e2e.append(km(float(t["lat"]), float(t["lon"]), p.lat, p.lon) if p else MAX_KM)

            given_pred = {(p.start, p.end): p for p in doc["_given"]}
            for span, t in gold_spans.items():
                p = given_pred.get(span)
                given.append(km(float(t["lat"]), float(t["lon"]), p.lat, p.lon) if p else MAX_KM)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out["with_demonyms" if with_dem else "headline"] = {
            "recognition": {"precision": prec, "recall": rec, "f1": f1},
            "given_spans": resolution(given), "end_to_end": resolution(e2e)}
    return out


def run(path: Path) -> tuple[list[dict], float]:
    import geo

    docs = read_docs(path)
    t = time.perf_counter()
    for doc in docs:
        doc["_pred"] = geo.geoparse(doc["text"])
    elapsed = time.perf_counter() - t
    for doc in docs:
        doc["_pred_dem"] = geo.geoparse(doc["text"], demonyms=True)
    for doc in docs:
        spans = [(t["start"], t["end"]) for t in doc["toponyms"]]
        doc["_given"] = geo.geoparse(doc["text"], spans_given=spans)
    return docs, elapsed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--demonyms", type=Path, default=DEMONYMS)
    ap.add_argument("--errors", type=int, default=0, help="print the most frequent errors")
    args = ap.parse_args(argv)
    import geo

    geo.geoparse("warm up in Baghdad")
    demonyms = load_demonyms(args.demonyms)
    rows = []
    for path in args.files:
        docs, elapsed = run(path)
        res = evaluate(docs, demonyms)
        corpus = path.name.split(".")[0]
        rows.append((corpus, res, len(docs) / elapsed))
        if args.errors:
            show_errors(corpus, docs, demonyms, args.errors)
    print("| corpus | P | R | F1 | given acc@161 | mean km | median km | AUC | e2e acc@161 | mean km | median km | AUC | docs/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for label in ("headline", "with_demonyms"):
        for corpus, res, speed in rows:
            r = res[label]
            rec, gs, ee = r["recognition"], r["given_spans"], r["end_to_end"]
            name = corpus if label == "headline" else f"{corpus} (with demonyms)"
            print(f"| {name} | {rec['precision']:.3f} | {rec['recall']:.3f} | {rec['f1']:.3f} | "
                  f"{gs['acc@161']:.3f} | {gs['mean_km']:.0f} | {gs['median_km']:.0f} | {gs['auc']:.3f} | "
                  f"{ee['acc@161']:.3f} | {ee['mean_km']:.0f} | {ee['median_km']:.0f} | {ee['auc']:.3f} | "
                  f"{speed:.0f} |")


def show_errors(corpus, docs, demonyms, n):
    fps, fns, wrong = Counter(), Counter(), Counter()
    for doc in docs:
        gold = {(t["start"], t["end"]): t for t in doc["toponyms"] if t.get("lat") is not None
                and not is_demonym(t, demonyms)}
        pred = {(p.start, p.end): p for p in doc["_pred"]}
        for s in set(pred) - set(gold):
            if not any(s[0] < g[1] and g[0] < s[1] and g in gold for g in gold) or True:
                fps[pred[s].text] += 1
        for s in set(gold) - set(pred):
            fns[gold[s]["name"]] += 1
        given = {(p.start, p.end): p for p in doc["_given"]}
        for s, t in gold.items():
            p = given.get(s)
            if p is None or km(float(t["lat"]), float(t["lon"]), p.lat, p.lon) > 161:
                wrong[f"{t['name']}->{p.entry_id if p else None}"] += 1
    print(f"## {corpus}")
    print("false positives:", ", ".join(f"{k} ({v})" for k, v in fps.most_common(n)))
    print("missed:", ", ".join(f"{k} ({v})" for k, v in fns.most_common(n)))
    print("wrong with given spans:", ", ".join(f"{k} ({v})" for k, v in wrong.most_common(n)))


if __name__ == "__main__":
    main()
