"""Resources: the raw folder and the DuckDB warehouse (read by SQL, written by the IO manager)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource
from dagster_duckdb_polars import DuckDBPolarsIOManager, DuckDBPolarsTypeHandler

from pipelines import settings


class RawFiles(dg.ConfigurableResource):
    """The folder stewards drop exports into: raw/<source>/…"""

    raw_dir: str

    @property
    def path(self) -> Path:
        return Path(self.raw_dir)


class WarehouseTypeHandler(DuckDBPolarsTypeHandler):
    """Writes polars frames by column name, and creates tables even for zero rows.

    The stock handler skips empty frames (so a region-year without data leaves no table for the
    next step to read) and inserts by position (so a reordered column lands in the wrong place).
    """

    def handle_output(self, context: dg.OutputContext, table_slice, obj: pl.DataFrame, connection) -> None:  # type: ignore[override]
        obj_arrow = obj.to_arrow()  # noqa: F841  (DuckDB reads the frame by this name)
        table = f"{table_slice.schema}.{table_slice.table}"
        connection.execute(f"create schema if not exists {table_slice.schema}")
        if not table_slice.partition_dimensions:
            connection.execute(f"create or replace table {table} as select * from obj_arrow")
        else:  # the IO manager already deleted this partition's rows
            connection.execute(f"create table if not exists {table} as select * from obj_arrow limit 0")
            connection.execute(f"insert into {table} by name select * from obj_arrow")
        context.add_output_metadata({"dagster/row_count": obj.height})


class WarehouseIOManager(DuckDBPolarsIOManager):
    """The DuckDB warehouse (warehouse/lkjip.duckdb): schema raw, staged and the marts."""

    @staticmethod
    def type_handlers() -> list:  # type: ignore[override]
        return [WarehouseTypeHandler()]


class ExportFolder(dg.ConfigurableResource):
    """Where export files go: <root>/<kode_wilayah>/<tahun>/ (root = <warehouse-dir>/exports)."""

    root: str

    def folder(self, kode_wilayah: str, tahun: int) -> Path:
        return Path(self.root) / kode_wilayah / str(tahun)


def read_rows(warehouse: DuckDBResource, table: str, **equal: object) -> pl.DataFrame:
    """Rows of a warehouse table where every given column equals its value, filtered in DuckDB
    so memory follows the slice (one region-year, one quarter), not the table."""
    where = " AND ".join(f"{column} = ?" for column in equal) or "TRUE"
    with warehouse.get_connection() as conn:
        return conn.execute(f"SELECT * FROM {table} WHERE {where}", list(equal.values())).pl()


def table_exists(warehouse: DuckDBResource, table: str) -> bool:
    schema, name = table.split(".")
    with warehouse.get_connection() as conn:
        found = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", [schema, name]
        ).fetchone()
    return bool(found and found[0])


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
