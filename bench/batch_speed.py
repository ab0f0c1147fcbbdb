"""Batch throughput on Dask: documents per second with 1 and 2 local workers, and the
peak memory of each worker.

    python -m bench.batch_speed [--copies 2]

Target (issue 7): a speed-up of at least 1.6x from 1 to 2 workers on a 2-core machine.
The dev corpora texts (../shared/eval/geoparse) are the documents, repeated ``--copies``
times. Cluster start-up is timed apart from the run; workers are warmed (gazetteer
loaded) before the clock starts, as in a long batch.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from geo import batch


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm(_):
    import geo

    geo.extract("Rockets hit Erbil on Monday.", published="2021-03-01")
    return True


def measure(parts, workers: int) -> tuple[float, float, list[float]]:
    from distributed import Client, LocalCluster, wait

    t = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        start = time.perf_counter() - t
        client.run(_warm, None)
        t = time.perf_counter()
        futures = client.map(batch.process, parts, published="2021-03-01", pure=False)
        wait(futures)
        run = time.perf_counter() - t
        peaks = list(client.run(_peak_mb).values())
    return start, run, peaks


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2)
    args = ap.parse_args(argv)
    files = sorted(map(str, Path("../shared/eval/geoparse").glob("*.dev.jsonl")))
    docs = list(batch.documents(files)) * args.copies
    parts = [docs[k:k + batch.PARTITION_SIZE] for k in range(0, len(docs), batch.PARTITION_SIZE)]
    rates = {}
    for workers in (1, 2):
        start, run, peaks = measure(parts, workers)
        rates[workers] = len(docs) / run
        print(f"{workers} worker(s): {len(docs)} documents in {run:.1f} s = {rates[workers]:.0f} documents/s "
              f"(cluster start {start:.1f} s); peak memory per worker {', '.join(f'{p:.0f}' for p in peaks)} MB")
    print(f"speed-up 1 -> 2 workers: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
