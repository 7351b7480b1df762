"""SIPD budget realisation (Laporan Realisasi Fisik dan Keuangan): raw workbooks → staged rows."""
