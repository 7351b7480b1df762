"""The pure parts of `scripts.bench_regions`, tested in tests/test_bench_regions.py: the cloned
regions' raw folders (`clones`) and the summary of their measurements (`summary`)."""
