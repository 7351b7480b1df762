"""The fixed random seed behind every invented detail of the sample."""

from __future__ import annotations

import random

SEED = 20231231


def rng() -> random.Random:
    """A fresh generator per source, so editing one source never shifts another."""
    return random.Random(SEED)
