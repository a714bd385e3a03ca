"""Search benchmark on a synthetic directory (not a test): ``python -m services_directory.bench``.

Builds N made-up records (default 5,000) through the same checks as real ones, then times
``Directory.search`` for several kinds of query and prints p50/p95/max in milliseconds.
Target: p95 under 5 ms per search. Both wall-clock and CPU time (this thread only) are shown: on a
shared machine the wall-clock figures include time spent waiting for a CPU.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import datetime, timedelta
from typing import Any

from services_directory.areas import WARDS
from services_directory.directory import Directory
from services_directory.loader import check_records
from services_directory.schedules import LONDON
from services_directory.taxonomy import AUDIENCES, NEEDS

WORDS = (
    "advice support community family safety women men youth recovery housing outreach helpline centre "
    "project network trust partnership counselling wellbeing care access action hope bridge harbour "
    "pathway circle foundation alliance welcome open door light step together forward"
).split()
QUERIES: dict[str, list[dict[str, Any]]] = {
    "need": [{"need": n} for n in NEEDS],
    "text (synonym)": [{"text": t} for t in ("dv", "county lines", "drug dealers", "suicidal", "asb", "rape")],
    "text (misspelt)": [{"text": t} for t in ("cukooing", "domestik abuse", "sucidal", "homless", "harrasment")],
    "text (name words)": [{"text": t} for t in ("hope centre", "family trust", "bridge project", "harbour")],
    "need + ward": [{"need": n, "area": w} for n in ("domestic-abuse", "homelessness") for w in list(WARDS)[:6]],
    "need + postcode": [{"need": "anti-social-behaviour", "area": pc} for pc in ("GL1 2AB", "GL4", "GL20", "B1")],
    "need + audience + age": [
        {"need": "children-families", "audience": a, "age": g}
        for a in ("parents", "young-people", "women")
        for g in (9, 15, 34)
    ],
    "open now + text": [{"text": t, "open_now": True} for t in ("domestic abuse", "drugs", "crisis")],
    "no match (fallback)": [{"text": "zzqx blorp"}, {"need": "aces-training", "area": "TR1", "open_now": True}],
}


def synthetic_records(count: int, seed: int = 2026) -> list[tuple[str, dict[str, Any]]]:
    """Made-up but schema-valid records with realistic variety (areas, hours, audiences, ages)."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not security
    areas = [*WARDS, "Gloucester", "Gloucestershire", "national"]
    out = []
    for i in range(count):
        key = f"synthetic-{i:05d}"
        words = rng.sample(WORDS, 3)
        name = " ".join(w.capitalize() for w in words)
        kind = rng.random()
        if kind < 0.2:
            schedules: list[dict[str, Any]] = [{"open_24_7": True}]
        elif kind < 0.8:
            opens = rng.choice(["08:00", "09:00", "10:00"])
            closes = rng.choice(["16:30", "17:00", "20:00"])
            schedules = [{"byday": ["MO", "TU", "WE", "TH", "FR"], "opens_at": opens, "closes_at": closes}]
        else:
            schedules = []
        record: dict[str, Any] = {
            "key": key,
            "name": f"{name} {i}",
            "organization": {"name": f"Org {i % 900}", "description": f"Synthetic organisation number {i % 900}."},
            "description": f"A synthetic service offering {' and '.join(rng.sample(WORDS, 4))} for benchmarking.",
            "status": "active",
            "phones": [{"number": f"0808 157 {i % 1000:04d}"}],  # Ofcom drama range
            "schedules": schedules,
            "service_areas": rng.sample(areas, rng.randint(1, 2)),
            "eligibility": {"audiences": rng.sample(list(AUDIENCES), rng.randint(1, 2))},
            "needs": rng.sample(list(NEEDS), rng.randint(1, 3)),
            "keywords": rng.sample(WORDS, 2),
            "information_date": "2026-01-01",
            "confidence": "Synthetic",
            "sources": ["https://example.org/synthetic"],
            "verified": rng.random() < 0.8,
            "notes": "Synthetic record.",
            "x_ssgp_confidential_location": rng.random() < 0.1,
        }
        if rng.random() < 0.3:
            record["eligibility"]["minimum_age"] = rng.choice([11, 16, 18])
        out.append((f"{key}.yml", record))
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def run(count: int, repeats: int) -> None:
    started = time.perf_counter()
    services, errors = check_records(synthetic_records(count), today=datetime(2026, 11, 21).date())
    if errors:
        raise SystemExit(f"synthetic records invalid: {errors[:3]}")
    checked = time.perf_counter()
    directory = Directory(services)
    indexed = time.perf_counter()
    print(f"{count} records: checks {1000 * (checked - started):.0f} ms, index {1000 * (indexed - checked):.0f} ms")
    base = datetime(2026, 11, 23, 14, 0, tzinfo=LONDON)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; times in ms")
    print(f"{'query kind':24} {'calls':>6} {'wall p50':>9} {'wall p95':>9} {'cpu p50':>8} {'cpu p95':>8} {'max':>7}")
    all_wall: list[float] = []
    all_cpu: list[float] = []
    for kind, variants in QUERIES.items():
        wall: list[float] = []
        cpu: list[float] = []
        for r in range(repeats):
            for j, params in enumerate(variants):
                now = base + timedelta(hours=(r * 7 + j) % 168)
                w0, c0 = time.perf_counter(), time.thread_time()
                results = directory.search(now=now, limit=3, **params)
                cpu.append(1000 * (time.thread_time() - c0))
                wall.append(1000 * (time.perf_counter() - w0))
                assert results.items
        all_wall.extend(wall)
        all_cpu.extend(cpu)
        print(_row(kind, wall, cpu))
    print(_row("ALL", all_wall, all_cpu))


def _row(label: str, wall: list[float], cpu: list[float]) -> str:
    return (
        f"{label:24} {len(wall):6d} {statistics.median(wall):9.2f} {percentile(wall, 95):9.2f} "
        f"{statistics.median(cpu):8.2f} {percentile(cpu, 95):8.2f} {max(wall):7.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    run(args.records, args.repeats)


if __name__ == "__main__":
    main()
