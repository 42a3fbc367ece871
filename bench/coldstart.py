"""Figure 4: importing each handler module in a fresh interpreter, against ``import boto3``."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROBE = (
    "import importlib, time\n"
    "t = time.perf_counter()\n"
    "importlib.import_module({module!r})\n"
    "print((time.perf_counter() - t) * 1000)\n"
)


def handler_modules() -> list[str]:
    """``functions.<name>.handler`` for every function folder."""
    return sorted(
        f"functions.{p.parent.name}.handler" for p in (ROOT / "functions").glob("*/handler.py")
    )


def import_ms(module: str) -> float:
    """Milliseconds to import ``module`` in a new interpreter (startup itself not counted)."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def run(repeats: int = 3) -> dict[str, Any]:
    """Median import time of boto3 and of each handler, runs interleaved so drift hits all."""
    modules = ["boto3", *handler_modules()]
    for m in modules:
        import_ms(m)  # compile .pyc files once, outside the timing
    samples: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(repeats):
        for m in modules:
            samples[m].append(import_ms(m))
    medians = {m: statistics.median(v) for m, v in samples.items()}
    base = medians.pop("boto3")
    return {
        "boto3_ms": round(base, 1),
        "handlers": {
            m.split(".")[1]: {"ms": round(v, 1), "ratio": round(v / base, 2)}
            for m, v in sorted(medians.items(), key=lambda kv: -kv[1])
        },
        "repeats": repeats,
    }
