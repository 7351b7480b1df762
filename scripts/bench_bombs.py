"""Peak memory of a run over the sample with one planted file of a few MB that unpacks to a lot.

Each case copies the sample's raw/ to a temporary folder, plants one small file that expands when
read (shared strings, a dense sheet, a Word document, a CSV at the line limit), runs `lkjip run`
on it in a child process and reports the child's peak resident memory (wait4) beside the file's
size on disk and whether the run refused it. The floor is the same run with nothing planted.
Run: .venv/bin/python scripts/bench_bombs.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LKJIP = Path(sys.executable).parent / "lkjip"
UMKM_HEADER = "tahun,kode_desa,nama_desa,sektor,skala,jumlah_usaha,jumlah_tenaga_kerja"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>")
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 "</Relationships>")
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _repeated(archive: zipfile.ZipFile, name: str, head: str, unit: str, count: int, tail: str) -> None:
    """A part of `count` copies of `unit`, streamed into the zip (deflate packs repeats ~1000:1)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as out:
        out.write(head.encode())
        block = (unit * 10_000).encode()
        for _ in range(count // 10_000):
            out.write(block)
        out.write(tail.encode())


def workbook(path: Path, sheet_cells: int, shared_strings: int, string: str = "x" * 40) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        _repeated(archive, "xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {MAIN}>', f"<si><t>{string}</t></si>", shared_strings, "</sst>")
        columns = 100
        head = f'<?xml version="1.0"?><worksheet {MAIN}><sheetData>'
        _repeated(archive, "xl/worksheets/sheet1.xml", head, "<row>" + '<c t="s"><v>0</v></c>' * columns + "</row>",
                  sheet_cells // columns, "</sheetData></worksheet>")


def word(path: Path, paragraphs: int) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("x")
    document.save(str(path))
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    body = parts["word/document.xml"].decode()
    start, end = body.index("<w:body>") + len("<w:body>"), body.index("</w:body>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        _repeated(archive, "word/document.xml", body[:start], "<w:p><w:r><w:t>Tabel</w:t></w:r></w:p>", paragraphs, body[end:])


def csv_at_the_line_limit(path: Path) -> None:
    lines = [UMKM_HEADER] + [f'2023,5102010001,Desa,Jasa,"{"y" * 1_000_000}",1,1'] * 4
    path.write_text("\n".join(lines), encoding="utf-8")


CASES = {
    "floor (sample only)": None,
    "shared strings: 3.5 M strings of 40 chars, under the part limit": ("umkm_desa/umkm.xlsx", lambda p: workbook(p, 100, 3_500_000)),
    "dense sheet: 9 M text cells, under the cell and part limits": ("umkm_desa/umkm.xlsx", lambda p: workbook(p, 9_000_000, 10_000)),
    "both: 3.5 M shared strings and 9 M text cells": ("umkm_desa/umkm.xlsx", lambda p: workbook(p, 9_000_000, 3_500_000)),
    "Word report: 12 M paragraphs (≈ 480 MB unpacked)": ("published/51.02_2023.docx", lambda p: word(p, 12_000_000)),
    "Word report: 1.2 M paragraphs, under the part limit": ("published/51.02_2023.docx", lambda p: word(p, 1_200_000)),
    "CSV: four lines of 1 MB": ("umkm_desa/umkm.csv", csv_at_the_line_limit),
}


def run(raw: Path, work: Path) -> tuple[float, float, int, str]:
    env = {**os.environ, "DAGSTER_HOME": str(work / "dagster")}
    (work / "dagster").mkdir()
    started = time.perf_counter()
    child = subprocess.Popen([str(LKJIP), "run", "--raw-dir", str(raw), "--warehouse-dir", str(work / "warehouse")],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=REPO)
    output = child.stdout.read().decode("utf-8", "replace") if child.stdout else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    refused = next((line.strip() for line in output.splitlines() if "/" in line and ":" in line and ("umkm" in line or "published" in line)), "")
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), refused[:160]


def main() -> None:
    print(f"{'case':62} {'file MB':>8} {'unpacked MB':>11} {'peak MB':>8} {'s':>6} exit  refused")
    for name, plant in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            raw = work / "raw"
            shutil.copytree(REPO / "raw", raw)
            size = unpacked = 0.0
            if plant:
                target = raw / plant[0]
                target.parent.mkdir(parents=True, exist_ok=True)
                plant[1](target)
                size = target.stat().st_size / 1e6
                unpacked = (sum(i.file_size for i in zipfile.ZipFile(target).infolist()) if zipfile.is_zipfile(target) else target.stat().st_size) / 1e6
            seconds, peak, code, refused = run(raw, work)
            print(f"{name:62} {size:8.2f} {unpacked:11.0f} {peak:8.0f} {seconds:6.1f} {code:4}  {refused}", flush=True)


if __name__ == "__main__":
    main()
