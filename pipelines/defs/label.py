"""What every asset shows in the UI besides its name: owners and kind badges."""

OWNERS = ["team:data-stewards"]
KINDS = {"polars", "duckdb"}
# Raw and staged assets share their last key part (raw/umkm_desa, staged/umkm_desa): a kind
# badge on each node tells them apart at a glance in the lineage graph.
RAW_KINDS = KINDS | {"raw"}
STAGED_KINDS = KINDS | {"staged"}


def file_kinds(extensions: tuple[str, ...]) -> set[str]:
    """The UI badges of a raw asset: the kinds of file its folder is read for."""
    return {{".yml": "yaml"}.get(e, e.lstrip(".")) for e in extensions}
