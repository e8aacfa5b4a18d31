"""Distributed engines. Each maps the same ``process_batch()`` the local path runs; none is imported by default."""
