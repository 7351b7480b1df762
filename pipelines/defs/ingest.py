"""Shared by every source's assets: contract failures, provenance and schema metadata."""

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import dagster as dg
import pandera.polars as pa
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.core.problems import SOURCE_FILE, ContractError
from pipelines.core.provenance import SourceFile, file_table, list_sources
from pipelines.defs.partitions import PARTITION_METADATA, region_and_year, region_year
from pipelines.defs.resources import RawFiles, read_rows
from pipelines.core.validation import validate

OWNERS = ["team:data-stewards"]
KINDS = {"polars", "duckdb"}

Reader = Callable[[list[SourceFile]], pl.DataFrame]


@contextmanager
def contract_failure() -> Iterator[None]:
    """Stop the run with one line per problem, shown in the UI and printed by the CLI."""
    try:
        yield
    except ContractError as err:
        table = dg.MetadataValue.table(
            records=[dg.TableRecord({k: ("" if v is None else str(v)) for k, v in p.as_dict().items()}) for p in err.problems],
            schema=dg.TableSchema(columns=[dg.TableColumn(c, "string") for c in ["file", "sheet", "row", "column", "value", "message"]]),
        )
        raise dg.Failure(description=str(err), metadata={"problems": table}) from None


def column_schema(model: type[pa.DataFrameModel]) -> dg.TableSchema:
    """dagster/column_schema from the pandera model, the single owner of column contracts."""
    schema = model.to_schema()
    unique = set(schema.unique or [])
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=name,
                type=str(col.dtype),
                description=col.description,
                constraints=dg.TableColumnConstraints(nullable=col.nullable, unique=col.unique or {name} == unique),
            )
            for name, col in schema.columns.items()
        ]
    )


def files_metadata(files: pl.DataFrame) -> dg.TableMetadataValue:
    return dg.MetadataValue.table(
        records=[dg.TableRecord(r) for r in files.iter_rows(named=True)],
        schema=dg.TableSchema(
            columns=[dg.TableColumn("file", "string"), dg.TableColumn("sha256", "string"), dg.TableColumn("rows", "int")]
        ),
    )


def raw_output(
    sources: list[SourceFile], read: Reader, model: type[pa.DataFrameModel], raw_dir: str
) -> dg.Output[pl.DataFrame]:
    """Read every file of a source, validate the contract, record path, sha256 and rows per file.

    Nothing is returned (so nothing is written) unless every file passes.
    """
    with contract_failure():
        frame = validate(model, read(sources), what=f"raw/{model.__name__}")
    files = file_table(sources, frame)
    fingerprint = hashlib.sha256("".join(files.get_column("sha256").to_list()).encode()).hexdigest()
    return dg.Output(
        frame,
        metadata={
            "dagster/row_count": frame.height,
            "dagster/column_schema": column_schema(model),
            "raw_dir": raw_dir,
            "files": files_metadata(files),
        },
        data_version=dg.DataVersion(fingerprint[:16]),
    )


def staged_output(frame: pl.DataFrame, model: type[pa.DataFrameModel], what: str) -> dg.Output[pl.DataFrame]:
    """Validate one region-year slice and name the source files its rows came from."""
    with contract_failure():
        frame = validate(model, frame, what=what)
    metadata: dict[str, object] = {
        "dagster/row_count": frame.height,
        "dagster/column_schema": column_schema(model),
    }
    if SOURCE_FILE in frame.columns:
        metadata["source_files"] = sorted(frame.get_column(SOURCE_FILE).unique().drop_nulls().to_list())
    return dg.Output(frame, metadata=metadata)



SliceReader = Callable[[DuckDBResource, str, int], pl.DataFrame]


def raw_asset(
    *,
    name: str,
    folder: str,
    patterns: tuple[str, ...],
    read: Reader,
    model: type[pa.DataFrameModel],
    group: str,
    description: str,
    file_kinds: set[str],
) -> dg.AssetsDefinition:
    """raw/<name>: every file of one source folder, validated, with path, sha256 and rows per file."""

    @dg.asset(key=["raw", name], group_name=group, owners=OWNERS, kinds=KINDS | file_kinds, description=description)
    def _raw(raw_files: RawFiles) -> dg.Output[pl.DataFrame]:
        return raw_output(list_sources(raw_files.path, folder, patterns), read, model, raw_files.raw_dir)

    return _raw


def staged_asset(
    *,
    name: str,
    upstream: dg.AssetsDefinition,
    model: type[pa.DataFrameModel],
    group: str,
    description: str,
    read: SliceReader | None = None,
) -> dg.AssetsDefinition:
    """staged/<name>: one region-year, read in DuckDB so memory follows the slice.

    `read(warehouse, kode_wilayah, tahun)` defaults to that region-year's rows of the upstream table.
    """
    table = ".".join(upstream.key.path)

    @dg.asset(
        key=["staged", name],
        deps=[upstream],
        partitions_def=region_year,
        metadata=PARTITION_METADATA,
        group_name=group,
        owners=OWNERS,
        kinds=KINDS,
        description=description,
    )
    def _staged(context: dg.AssetExecutionContext, warehouse: DuckDBResource) -> dg.Output[pl.DataFrame]:
        kode, tahun = region_and_year(context)
        frame = read(warehouse, kode, tahun) if read else read_rows(warehouse, table, kode_wilayah=kode, tahun=tahun)
        return staged_output(frame, model, f"staged.{name}")

    return _staged


def source_assets(
    *,
    name: str,
    folder: str,
    patterns: tuple[str, ...],
    read: Reader,
    model: type[pa.DataFrameModel],
    group: str,
    raw_description: str,
    staged_description: str,
    file_kinds: set[str],
) -> list[dg.AssetsDefinition]:
    """The usual pair for a source: raw/<name> and its region-year slice staged/<name>."""
    raw = raw_asset(
        name=name, folder=folder, patterns=patterns, read=read, model=model, group=group,
        description=raw_description, file_kinds=file_kinds,
    )
    return [raw, staged_asset(name=name, upstream=raw, model=model, group=group, description=staged_description)]
