"""Resources: the raw folder, the DuckDB warehouse (read by SQL, written by the IO manager), exports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines import settings
from pipelines.lib.ketersediaan import SIPD, Sumber, tersedia
from pipelines.lib.sipd.split import quarters_with_lines
from pipelines.lib.validation import empty_of
from pipelines.lib.warehouse import replace_partitions, select_rows, transaction
from pipelines.lib.wilayah import wilayah
from pipelines.defs.partitions import column_values
from pipelines.lib.writer_lock import single_writer, wait_seconds
from schemas.pesan import _


class RawFiles(dg.ConfigurableResource):
    raw_dir: str

    @property
    def path(self) -> Path:
        return Path(self.raw_dir)


def table_name(key: dg.AssetKey) -> str:
    """raw/ods_koperasi → raw.ods_koperasi: the asset key is the table."""
    return f"{key.path[0]}.{key.path[-1]}"


def rows_per_region(counts: pl.DataFrame) -> dg.TableMetadataValue:
    """Rows per region (kode_wilayah, rows) with the region's name (51.02 Kabupaten Tabanan)."""
    names = wilayah().select(kode_wilayah="kode", nama="nama")
    counts = counts.join(names, on="kode_wilayah", how="left").sort("kode_wilayah")
    region, rows = _("Region"), _("Rows")
    return dg.MetadataValue.table(
        records=[
            dg.TableRecord({region: f"{r['kode_wilayah']} {r['nama'] or ''}".strip(), rows: r["rows"]})
            for r in counts.iter_rows(named=True)
        ],
        schema=dg.TableSchema(columns=[dg.TableColumn(region, "string"), dg.TableColumn(rows, "int")]),
    )


def row_metadata(counts: pl.DataFrame) -> dict[str, object]:
    """Row count and rows per region of `counts` (kode_wilayah, rows)."""
    per_region = counts.group_by("kode_wilayah").agg(pl.col("rows").sum())
    return {"dagster/row_count": int(per_region.get_column("rows").sum()), "rows_per_region": rows_per_region(per_region)}


def per_partition(asset_key: dg.AssetKey, counts: pl.DataFrame, column: str) -> None:
    """A run over several partitions records each partition's own rows (`counts`: the partition
    column, kode_wilayah, rows): the UI shows 2023 its 22 rows, not the run's 31."""
    context = dg.AssetExecutionContext.get()
    partitions_def = context.assets_def.partitions_def
    keys = context.partition_keys if partitions_def is not None else []
    if len(keys) < 2:
        return  # one partition: the run's metadata is its own
    for key, value in zip(keys, column_values(partitions_def, keys), strict=True):
        context.add_asset_metadata(row_metadata(counts.filter(pl.col(column) == value)), asset_key=asset_key, partition_key=key)


def partition_filter(context: dg.InputContext | dg.OutputContext) -> tuple[str | None, list[object]]:
    """(column, values) of the partitions an input reads or an output writes; (None, []) when the
    asset is not partitioned."""
    if not context.has_asset_partitions:
        return None, []
    output = context if isinstance(context, dg.OutputContext) else context.upstream_output
    column = ((output.definition_metadata if output else None) or {}).get("partition_expr")
    if not column:
        raise dg.DagsterInvariantViolationError(f"{context.asset_key.to_user_string()} is partitioned but names no partition_expr column")
    return column, column_values(context.asset_partitions_def, context.asset_partition_keys)


class WarehouseIOManager(dg.ConfigurableIOManager):
    database: str

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[WarehouseIOManager]:
        """Every run that writes holds the warehouse's writer lock for its whole length."""
        with single_writer(Path(self.database).parent, f"Dagster run {context.run_id}", wait_seconds()):
            yield self

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame) -> None:
        table = table_name(context.asset_key)
        column, values = partition_filter(context)
        with duckdb.connect(self.database) as conn, transaction(conn):
            conn.register("_frame", obj.to_arrow())
            replace_partitions(conn, table, "_frame", column, values)
        metadata: dict[str, object] = {"dagster/table_name": table, "dagster/row_count": obj.height}
        if "kode_wilayah" in obj.columns:
            metadata["rows_per_region"] = rows_per_region(obj.group_by("kode_wilayah").len("rows"))
            if column:
                per_partition(context.asset_key, obj.group_by(column, "kode_wilayah").len("rows"), column)
        context.add_output_metadata(metadata)

    def load_input(self, context: dg.InputContext) -> pl.DataFrame:
        table = table_name(context.asset_key)
        column, values = partition_filter(context)
        with duckdb.connect(self.database) as conn:
            return select_rows(conn, table, **({column: values} if column else {}))


class ExportFolder(dg.ConfigurableResource):
    root: str


def read_rows(warehouse: DuckDBResource, table: str, **equal: object) -> pl.DataFrame:
    with warehouse.get_connection() as conn:
        return select_rows(conn, table, **equal)


def written_database(warehouse: DuckDBResource) -> Path | None:
    """The warehouse file if a run has written it (never create an empty one by looking)."""
    path = Path(warehouse.database)
    return path if path.is_file() else None


def table_exists(warehouse: DuckDBResource, table: str) -> bool:
    schema, name = table.split(".")
    with warehouse.get_connection() as conn:
        found = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", [schema, name]
        ).fetchone()
    return bool(found and found[0])


def sources_present(warehouse: DuckDBResource) -> frozenset[str]:
    """The raw folders whose tables hold rows: what every derived asset may read (ketersediaan)."""
    with warehouse.get_connection() as conn:
        return tersedia(conn)


def budget_periodes(warehouse: DuckDBResource) -> list[str]:
    """The quarters the budget files in raw/ hold now: a quarter built before from a file since
    removed is stale and never read."""
    if not table_exists(warehouse, SIPD.table):
        return []
    with warehouse.get_connection() as conn:
        budget = conn.execute(f"SELECT DISTINCT periode, tahun FROM {SIPD.table}").pl()
    return sorted(quarters_with_lines(budget.get_column("periode"), budget.get_column("tahun")))


def read_fed(
    warehouse: DuckDBResource, table: str, model: type, needs: tuple[Sumber, ...], ada: frozenset[str], **equal: object
) -> pl.DataFrame:
    """Rows of a table that `needs` feed; none (its model's columns, no rows) when one of them has
    no data in raw/ — rows it fed before its files were removed are stale — or when the table was
    never built. A budget table's quarters are those the budget files hold now (budget_periodes)."""
    if not (all(s.folder in ada for s in needs) and table_exists(warehouse, table)):
        return empty_of(model)
    if SIPD in needs and "periode" in model.to_schema().columns:
        equal = {**equal, "periode": budget_periodes(warehouse)}
    return read_rows(warehouse, table, **equal)


# Dagster shows a resource class's __doc__ as its description in the UI: from the catalogue.
RawFiles.__doc__ = _("The folder stewards drop exports into: raw/<source>/…")
WarehouseIOManager.__doc__ = _(
    "The DuckDB warehouse (warehouse/lkjip.duckdb): schemas raw, staged and the marts. Each output replaces its "
    "partitions' rows (or the whole table) in one transaction, so a failure leaves the table as it was; an input "
    "reads exactly the partitions its mapping names."
)
ExportFolder.__doc__ = _("Where export files go: <root>/<kode_wilayah>/<tahun>/ (root = <warehouse-dir>/exports).")


def resources(raw_dir: Path | None = None, database: Path | None = None, exports: Path | None = None) -> dict[str, object]:
    db = database or settings.database_path()
    return {
        "io_manager": WarehouseIOManager(database=str(db)),
        "warehouse": DuckDBResource(database=str(db)),
        "raw_files": RawFiles(raw_dir=str(raw_dir or settings.raw_dir())),
        "exports": ExportFolder(root=str(exports or db.parent / settings.EXPORTS)),
    }


def run_config(raw_dir: Path, database: Path, exports: Path) -> dict[str, object]:
    """Point one run at a raw folder, a warehouse file and an export folder."""
    return {
        "resources": {
            "io_manager": {"config": {"database": str(database)}},
            "warehouse": {"config": {"database": str(database)}},
            "raw_files": {"config": {"raw_dir": str(raw_dir)}},
            "exports": {"config": {"root": str(exports)}},
        }
    }
