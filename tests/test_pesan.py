"""The message catalogue: Indonesian by default, English selectable, every message translated."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import polars as pl
import polib
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from schemas import pesan
from pipelines.lib.problems import Problem
from scripts import extract_messages
from tests.conftest import SAMPLE_RAW

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def test_every_message_in_the_code_has_its_indonesian_in_the_compiled_catalogue():
    po = extract_messages.po_entries()
    catalogue = pesan.catalogue("id")
    for msgid, where in extract_messages.msgids().items():
        assert po.get(msgid), f"{where}: {msgid!r} has no Indonesian in lkjip.po"
        assert catalogue.gettext(msgid) == po[msgid], f"{where}: lkjip.mo is older than lkjip.po (make messages)"
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(po[msgid])), f"{where}: placeholders differ"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_the_catalogue_compiled_by_polib_reads_as_msgfmts(tmp_path: Path):
    """`make messages` compiles with polib: every msgid of the .po and of the code, and the
    header, read the same from its .mo as from GNU msgfmt's."""
    ours = extract_messages.compile_mo(mo=tmp_path / "polib.mo")
    theirs = tmp_path / "msgfmt.mo"
    subprocess.run(["msgfmt", "-o", str(theirs), str(extract_messages.PO)], check=True)
    with ours.open("rb") as a, theirs.open("rb") as b:
        polib_, msgfmt = gettext.GNUTranslations(a), gettext.GNUTranslations(b)
    assert polib_.info() == msgfmt.info() and polib_.charset() == msgfmt.charset() == "UTF-8"
    msgids = {entry.msgid for entry in polib.pofile(str(extract_messages.PO))} | set(extract_messages.msgids())
    assert len(msgids) > 500
    assert {m: polib_.gettext(m) for m in msgids} == {m: msgfmt.gettext(m) for m in msgids}


def test_indonesian_by_default_and_english_on_request(monkeypatch: pytest.MonkeyPatch):
    problem = Problem(file="umkm_desa/a.csv", sheet="Data", row=3, column="jumlah_usaha", value="x", message="m")
    monkeypatch.delenv("LKJIP_BAHASA")
    assert str(problem) == "umkm_desa/a.csv, lembar 'Data', baris 3, kolom 'jumlah_usaha', nilai 'x': m"
    monkeypatch.setenv("LKJIP_BAHASA", "en")
    assert str(problem) == "umkm_desa/a.csv, sheet 'Data', row 3, column 'jumlah_usaha', value 'x': m"
    monkeypatch.setenv("LKJIP_BAHASA", "fr")  # unknown: the default
    assert pesan.bahasa() == "id"


def test_a_run_reads_in_indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The sample run through the CLI with --bahasa id: what the CLI prints, the findings, the
    keterangan and the report's texts and severity words are Indonesian; the data keep their codes."""
    monkeypatch.setenv("LKJIP_BAHASA", "en")  # restored after the test: --bahasa sets it for the process
    warehouse = tmp_path / "warehouse"
    result = CliRunner().invoke(app, ["run", "--raw-dir", str(SAMPLE_RAW), "--warehouse-dir", str(warehouse), "--bahasa", "id"])
    assert result.exit_code == 0, result.output
    assert "gudang data:" in result.output and "dilaporkan:" in result.output
    folder = warehouse / "exports" / "51.02" / "2023"
    findings = pl.read_csv(folder / "findings.csv")
    assert set(findings.get_column("severity")) == {"error", "warning"}  # codes, as the README's reviu section lists them
    messages = dict(zip(findings.get_column("rule"), findings.get_column("message"), strict=False))
    assert "mencetak capaian 98%" in messages["capaian_direction"] and "makin rendah makin baik" in messages["capaian_direction"]
    assert "melebihi batas wajar 200%" in messages["capaian_implausible"]
    iku = pl.read_csv(folder / "iku_capaian.csv").filter(pl.col("indicator_id") == "koperasi_berkualitas")
    assert iku.item(0, "keterangan").startswith("tidak terdefinisi: pertumbuhan dari nol")
    workbook = openpyxl.load_workbook(folder / "lkjip_51.02_2023.xlsx")
    assert workbook.sheetnames == ["Tabel 3.1", "Tabel 3.2", "Tabel 3.3", "Tabel 3.6", "Tabel 3.7", "Temuan"]
    title = workbook["Tabel 3.1"].cell(1, 1).value
    assert title == "Tabel 3.1 Capaian Kinerja Dinas Koperasi UKM dan Tenaga Kerja Kabupaten Tabanan Tahun 2023"
    temuan = workbook["Temuan"]
    assert {"kesalahan", "peringatan"} <= {c.value for c in temuan["B"]}
    html = (folder / "lkjip_51.02_2023.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in html and f"<caption>{title}</caption>" in html
    assert "Persentase koperasi berkualitas: capaian kosong (tidak terdefinisi" in html  # the note under Tabel 3.1


def test_a_problem_in_a_stewards_file_reads_in_indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from pipelines.lib.problems import ContractError
    from pipelines.lib.provenance import list_sources
    from pipelines.lib.koperasi import registry
    from tests.conftest import write_csv
    from tests.test_koperasi import HEADER, A

    monkeypatch.setenv("LKJIP_BAHASA", "id")
    row = list(A)
    row[HEADER.index("tanggal_badan_hukum")] = "17/05/23"
    write_csv(tmp_path / "raw" / "ods_koperasi" / "ods.csv", HEADER, [row])
    with pytest.raises(ContractError) as err:
        registry.read_registry(list_sources(tmp_path / "raw", registry.FOLDER, registry.EXTENSIONS))
    assert str(err.value) == (
        "ods_koperasi/ods.csv, baris 2, kolom 'tanggal_badan_hukum', nilai '17/05/23': "
        "bukan tanggal dengan tahun empat angka (seharusnya 2023-05-17, 17/05/2023 atau 17-05-2023)"
    )


def test_a_translation_may_reorder_the_placeholders_of_a_message_filled_per_row(monkeypatch: pytest.MonkeyPatch):
    message = "{sumber} has no data for {ukuran} in {tahun} ({wilayah})"

    class Reordered(gettext.NullTranslations):
        def gettext(self, text: str) -> str:
            return "{wilayah}, {tahun}: {ukuran} dari {sumber} kosong" if text == message else text

    monkeypatch.setattr(pesan, "catalogue", lambda language: Reordered())
    frame = pl.DataFrame({"s": ["BPS"], "u": ["bps.tpt"], "t": [2022], "w": ["51.02"]})
    filled = frame.select(pesan.per_row(message, sumber="s", ukuran="u", tahun="t", wilayah="w")).item()
    assert filled == "51.02, 2022: bps.tpt dari BPS kosong"
