"""What the benchmarks share: where the development data is, and how to say it is absent."""

from __future__ import annotations

import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench-out"


def shared_path(*parts: str) -> Path:
    """A path in ../shared/data, or exit 0 with a clear message when the data is not beside the checkout."""
    path = SHARED.joinpath("data", *parts)
    if not path.exists():
        print(f"SKIP: {path} is absent (the shared development data is not beside this checkout)")
        sys.exit(0)
    return path


def out_file(name: str) -> Path:
    OUT.mkdir(exist_ok=True)
    return OUT / name


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
