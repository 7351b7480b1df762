"""Region × year partitions: one region or the whole country is the same code."""

from __future__ import annotations

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

# Tells the DuckDB IO manager which columns hold each partition dimension.
PARTITION_METADATA = {"partition_expr": {"kode_wilayah": "kode_wilayah", "tahun": "tahun"}}


def partition_key(kode_wilayah: str, tahun: int | str) -> dg.MultiPartitionKey:
    return dg.MultiPartitionKey({"kode_wilayah": kode_wilayah, "tahun": str(tahun)})


def region_and_year(context: dg.AssetExecutionContext) -> tuple[str, int]:
    keys = context.partition_key.keys_by_dimension  # type: ignore[attr-defined]
    return keys["kode_wilayah"], int(keys["tahun"])
