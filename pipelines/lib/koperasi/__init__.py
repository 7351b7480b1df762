"""Cooperatives: the ODS registry (koperasi.jumlah/baru) and assessments (koperasi.sehat/berkualitas)."""
