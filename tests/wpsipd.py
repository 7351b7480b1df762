"""A wp-sipd "Laporan RFK" download, built as the plugin builds it.

No real download was found in a public repository (tests/data/sipd/README.md). This writes the
HTML the plugin's template prints (GitHub agusnurwanto/wp-sipd at 5e6580f2,
public/partials/monev/wpsipd-public-monitor-rfk.php, saved as `Laporan RFK {tahun}.xls` by
public/js/wpsipd-public.js tableHtmlToExcel): the <h4> title with the SKPD and month, the
unit rows, the header (the code over five cells), the numbering row, urusan, bidang, program,
kegiatan and sub kegiatan rows with amounts in `number_format(x, 0, ",", ".")`, and the TOTAL row.
"""

from __future__ import annotations

from pathlib import Path


def _rp(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _row(cls: str, code: tuple[str, str, str, str, str], name: str, rka: int, dpa: int, realisasi: int, fisik: str = "") -> str:
    cells = "".join(f'<td class="kanan bawah">{c or "&nbsp;"}</td>' for c in code)
    capaian = f"{realisasi * 100 / dpa:.2f}" if dpa else "0"
    return (
        f'<tr class="{cls}">{cells}<td class="kanan bawah">{name}</td>'
        f'<td class="kanan bawah text_kanan">{_rp(rka)}</td><td class="kanan bawah text_kanan">{_rp(dpa)}</td>'
        f'<td class="kanan bawah text_kanan">{_rp(realisasi)}</td><td class="kanan bawah text_tengah">{capaian}</td>'
        f'<td>0</td><td>0</td><td class="realisasi-fisik">{fisik}</td><td></td><td>APBD</td><td></td><td></td>'
        + "".join("<td>0</td>" for _ in range(13))
        + "</tr>"
    )


def write_laporan_rfk(path: Path, kode_skpd: str, nama_skpd: str, bulan: str, tahun: int, tree: list) -> Path:
    """tree: (urusan, bidang, bidang name, [(program, name, [(kegiatan, name, [(sub, name, rka, dpa, realisasi, fisik)])])])."""
    header = (
        '<tr><td colspan="5">Kode</td><td>Urusan/ Bidang Urusan Pemerintahan Daerah Dan Program/ Kegiatan</td>'
        "<td>RKA SIPD (Rp.)</td><td>DPA SIMDA (Rp.)</td><td>Realisasi Keuangan (Rp.)</td><td>Capaian ( % )</td>"
        "<td>RAK ( % )</td><td>Deviasi ( % )</td><td>Realisasi Fisik ( % )</td><td>Nilai Realisasi Fisik ( Rp )</td>"
        "<td>Sumber Dana</td><td>Keterangan / Permasalahan</td><td>Catatan Verifikator</td>"
        + "".join(f"<td>Anggaran Kas <br> Bulan {m}</td>" for m in range(1, 13))
        + "<td>Anggaran Kas <br> Total</td></tr>"
    )
    numbers = "<tr>" + "".join(f"<td>{n}</td>" for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, "10 = (9 / 8) * 100", 11, "12 = ((11-10)/11) * 100"]) + "</tr>"
    body, totals = [], [0, 0, 0]
    for urusan, bidang, nama_bidang, programs in tree:
        body.append(f'<tr class="urusan"><td>{urusan}</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td>'
                    f'<td colspan="25">URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR</td></tr>')
        sums = lambda items: [sum(x[i] for x in items) for i in range(3)]  # noqa: E731
        flat = [s[2:5] for p in programs for k in p[2] for s in k[2]]
        body.append(_row("bidang", (urusan, bidang, "", "", ""), nama_bidang, *sums(flat)))
        for program, nama_program, kegiatan in programs:
            body.append(_row("program", (urusan, bidang, program, "", ""), nama_program,
                             *sums([s[2:5] for k in kegiatan for s in k[2]])))
            for kode_kegiatan, nama_kegiatan, subs in kegiatan:
                body.append(_row("kegiatan", (urusan, bidang, program, kode_kegiatan, ""), nama_kegiatan, *sums([s[2:5] for s in subs])))
                for sub, nama, rka, dpa, realisasi, fisik in subs:
                    body.append(_row("sub_kegiatan", (urusan, bidang, program, kode_kegiatan, sub), nama, rka, dpa, realisasi, fisik))
        totals = [a + b for a, b in zip(totals, sums(flat), strict=True)]
    total = (f'<tr><td colspan="6">TOTAL dan CATATAN KESIMPULAN KABAG ADBANG</td><td>{_rp(totals[0])}</td>'
             f"<td>{_rp(totals[1])}</td><td>{_rp(totals[2])}</td><td>0</td><td>0</td><td>0</td></tr>")
    page = (
        '<div id="cetak" title="Laporan RFK {tahun}" style="padding: 5px;">'
        f'<h4 style="text-align: center;">Realisasi Fisik dan Keuangan (RFK)<br>{kode_skpd}&nbsp;{nama_skpd}<br>Bulan {bulan} Tahun {tahun}</h4>'
        '<div style="overflow-x: auto;"><table cellpadding="2" cellspacing="0"><thead>'
        + "<tr>" + "<th></th>" * 17 + "</tr>"
        + f'<tr><td colspan="16" class="nama_skpd">Unit Organisasi : {kode_skpd}&nbsp;{nama_skpd}<br/>'
        f"Sub Unit Organisasi : {kode_skpd}&nbsp;{nama_skpd}</td></tr>"
        + header + numbers + "</thead><tbody>" + "".join(body) + total + "</tbody></table></div></div>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
