"""One fixed train/dev/test split for every dataset groundqa learns from or is measured on.

Training, threshold calibration and evaluation live in different modules and run at different
times; a stable hash of (dataset, index) lets each of them agree on which rows it may touch
without sharing state or files, so no evaluation row can leak into training.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Split = Literal["train", "dev", "test"]

TRAIN_FRACTION = 0.6
DEV_FRACTION = 0.1


def split_of(dataset: str, index: int) -> Split:
    """60% train / 10% dev / 30% test by sha1 of f"{dataset}:{index}" (stable across runs and machines)."""
    digest = hashlib.sha1(f"{dataset}:{index}".encode()).digest()
    position = int.from_bytes(digest[:8], "big") / 2**64
    if position < TRAIN_FRACTION:
        return "train"
    if position < TRAIN_FRACTION + DEV_FRACTION:
        return "dev"
    return "test"
