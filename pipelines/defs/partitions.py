"""Partitions follow what the schedules run: a year for the annual assets, a quarter for the budget.

Regions are data inside a partition: every region present in raw/ is computed together. Both
are Dagster time windows because only time windows can declare the reads across years that
the formulas make (growth and `tahun_data` offsets read N−1 and N−2, Tabel 3.3 reads N−1) with
a built-in mapping the UI understands; a quarter maps onto its year the same way. They start in
LKJIP_TAHUN_AWAL (default 2013: LKjIPs since 2015 and the two years they read) and end with the current year and quarter; a year or quarter
without data is never materialised, so it shows as missing, never green with 0 rows.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable

import dagster as dg

from pipelines.lib.periode import periode_of

warnings.filterwarnings("ignore", message=".*(backfill_policy|allow_nonexistent_upstream_partitions).*", category=dg.BetaWarning)

TAHUN_AWAL_ENV = "LKJIP_TAHUN_AWAL"
# LKjIPs exist since 2015 and a report reads two years back (growth, tahun_data −1).
TAHUN_AWAL = int(os.environ.get(TAHUN_AWAL_ENV) or 2013)

tahunan = dg.TimeWindowPartitionsDefinition(cron_schedule="0 0 1 1 *", start=str(TAHUN_AWAL), fmt="%Y", end_offset=1)
# Dagster names a quarter by its first month ("2023-10" is Q4 2023); tables say periode "2023-Q4".
triwulan = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 1 1,4,7,10 *", start=f"{TAHUN_AWAL}-01", fmt="%Y-%m", end_offset=1
)

# Which column of a table holds the partition, for the warehouse IO manager.
TAHUN_COLUMN = {"partition_expr": "tahun"}
PERIODE_COLUMN = {"partition_expr": "periode"}

# The year itself and the two before it: what a year's formulas may read (tahun_data −1, growth −1).
TIGA_TAHUN = dg.TimeWindowPartitionMapping(start_offset=-2, end_offset=0, allow_nonexistent_upstream_partitions=True)
# The year before only: Tabel 3.3 and the reviu of its previous-year column.
TAHUN_INI_DAN_LALU = dg.TimeWindowPartitionMapping(start_offset=-1, end_offset=0, allow_nonexistent_upstream_partitions=True)
# A year reads its quarters; a quarter reads its year (time windows overlap).
TRIWULAN_DALAM_TAHUN = dg.TimeWindowPartitionMapping(allow_nonexistent_upstream_partitions=True)


def column_values(partitions_def: dg.PartitionsDefinition | None, keys: Iterable[str]) -> list[object]:
    """Partition keys as the values their table column holds (tahun as int, periode as '2023-Q4')."""
    if partitions_def == triwulan:
        return [periode_of(k) for k in keys]
    return [int(k) for k in keys]


def years_of(context: dg.AssetExecutionContext) -> list[int]:
    return [int(k) for k in context.partition_keys]


def periodes_of(context: dg.AssetExecutionContext) -> list[str]:
    return [periode_of(k) for k in context.partition_keys]


def contiguous_ranges(wanted: Iterable[str], partitions_def: dg.TimeWindowPartitionsDefinition) -> list[tuple[str, str]]:
    """The wanted keys as runs of consecutive partitions (first, last): one Dagster run each, so a
    year or quarter without data between two with data is not built with 0 rows."""
    keys = partitions_def.get_partition_keys()
    index = sorted({keys.index(k) for k in wanted if k in keys})
    ranges: list[tuple[str, str]] = []
    for i in index:
        if ranges and keys.index(ranges[-1][1]) == i - 1:
            ranges[-1] = (ranges[-1][0], keys[i])
        else:
            ranges.append((keys[i], keys[i]))
    return ranges


# Decorator settings of every annual and every quarterly asset: a range of years or quarters is
# built in one run (one step per asset, every region together), also when launched from the UI.
PER_TAHUN = dict(partitions_def=tahunan, backfill_policy=dg.BackfillPolicy.single_run(), metadata=TAHUN_COLUMN)
PER_TRIWULAN = dict(partitions_def=triwulan, backfill_policy=dg.BackfillPolicy.single_run(), metadata=PERIODE_COLUMN)
