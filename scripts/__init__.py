"""The project's maintenance scripts: the sample generator, the benchmarks, the reference and
message-list builders, the UI screenshots.

They form one package so that a helper has one copy that every script and test imports
(`from scripts.sample.region import Desa`). Run them from the repo root as modules:

    .venv/bin/python -m scripts.make_sample
    .venv/bin/python -m scripts.bench_regions --regions 1 64
"""
