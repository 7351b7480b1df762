"""The shipped sample raw data for Kabupaten Tabanan, one module per source system.

``scripts/make_sample.py`` is the entry point; it calls each source's ``write``:

* :mod:`sample.bps` - BPS WebAPI answers (labour force, unemployment, TPT);
* :mod:`sample.koperasi` - the ODS cooperative registry (two snapshots);
* :mod:`sample.penilaian` - the cooperative assessments (kesehatan, kualitas);
* :mod:`sample.umkm` - MSMEs per village (one CSV, two hand-typed workbooks);
* :mod:`sample.sipd` - SIPD Laporan Realisasi Fisik dan Keuangan workbooks;
* :mod:`sample.katalog` - the Perjanjian Kinerja catalogs (YAML);
* :mod:`sample.manual` - measures typed in by hand;
* :mod:`sample.published` - the LKjIP 2023 as printed, for the automatic reviu.

What they share lives in :mod:`sample.region` (Tabanan and its villages),
:mod:`sample.notation` (Indonesian number and date notation), :mod:`sample.seed` (one
random generator per source) and :mod:`sample.writers` (deterministic CSV, text and xlsx).
"""
