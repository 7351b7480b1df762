"""Region × year partitions: one region or the whole country is the same code."""

from __future__ import annotations

import warnings

import dagster as dg

from pipelines.core.wilayah import region_codes

# Static years keep partitions free of instance state; widen the range when the Renstra does.
YEARS = [str(y) for y in range(2015, 2036)]

region_year = dg.MultiPartitionsDefinition(
    {
        "kode_wilayah": dg.StaticPartitionsDefinition(region_codes()),
        "tahun": dg.StaticPartitionsDefinition(YEARS),
    }
)

# SIPD realisation is cumulative to a quarter's cut-off: the budget is partitioned by quarter.
PERIODES = [f"{y}-Q{q}" for y in YEARS for q in range(1, 5)]

region_periode = dg.MultiPartitionsDefinition(
    {
        "kode_wilayah": dg.StaticPartitionsDefinition(region_codes()),
        "periode": dg.StaticPartitionsDefinition(PERIODES),
    }
)

# Tells the DuckDB IO manager which columns hold each partition dimension.
PARTITION_METADATA = {"partition_expr": {"kode_wilayah": "kode_wilayah", "tahun": "tahun"}}
PERIODE_METADATA = {"partition_expr": {"kode_wilayah": "kode_wilayah", "periode": "periode"}}

_same_region = dg.DimensionPartitionMapping("kode_wilayah", dg.IdentityPartitionMapping())

# A year's budget lines feed each of its quarters; each quarter feeds its year's exports.
warnings.filterwarnings("ignore", message=".*MultiPartitionMapping.*", category=dg.BetaWarning)
YEAR_TO_QUARTERS = dg.MultiPartitionMapping(
    {
        "kode_wilayah": _same_region,
        "tahun": dg.DimensionPartitionMapping(
            "periode", dg.StaticPartitionMapping({y: [p for p in PERIODES if p.startswith(y)] for y in YEARS})
        ),
    }
)
QUARTERS_TO_YEAR = dg.MultiPartitionMapping(
    {
        "kode_wilayah": _same_region,
        "periode": dg.DimensionPartitionMapping("tahun", dg.StaticPartitionMapping({p: p[:4] for p in PERIODES})),
    }
)


def partition_key(kode_wilayah: str, tahun: int | str) -> dg.MultiPartitionKey:
    return dg.MultiPartitionKey({"kode_wilayah": kode_wilayah, "tahun": str(tahun)})


def periode_key(kode_wilayah: str, periode: str) -> dg.MultiPartitionKey:
    return dg.MultiPartitionKey({"kode_wilayah": kode_wilayah, "periode": periode})


def region_and_periode(context: dg.AssetExecutionContext) -> tuple[str, str]:
    keys = context.partition_key.keys_by_dimension  # type: ignore[attr-defined]
    return keys["kode_wilayah"], keys["periode"]


def region_and_year(context: dg.AssetExecutionContext) -> tuple[str, int]:
    keys = context.partition_key.keys_by_dimension  # type: ignore[attr-defined]
    return keys["kode_wilayah"], int(keys["tahun"])
