"""The shipped sample raw data for Kabupaten Tabanan, one module per source system.

``scripts.make_sample`` is the entry point; it calls each source's ``write``:

* :mod:`scripts.sample.bps` - BPS WebAPI answers (labour force, unemployment, TPT);
* :mod:`scripts.sample.koperasi` - the ODS cooperative registry (two snapshots);
* :mod:`scripts.sample.penilaian` - the cooperative assessments (kesehatan, kualitas);
* :mod:`scripts.sample.umkm` - MSMEs per village (one CSV, two hand-typed workbooks);
* :mod:`scripts.sample.sipd` - SIPD Laporan Realisasi Fisik dan Keuangan workbooks;
* :mod:`scripts.sample.katalog` - the Perjanjian Kinerja catalogs (YAML);
* :mod:`scripts.sample.manual` - measures typed in by hand;
* :mod:`scripts.sample.published` - the LKjIP 2023 as printed, for the automatic reviu.

What they share lives in :mod:`scripts.sample.region` (Tabanan and its villages),
:mod:`scripts.sample.notation` (Indonesian number and date notation),
:mod:`scripts.sample.seed` (one random generator per source) and
:mod:`scripts.sample.writers` (deterministic CSV, text and xlsx).
"""
