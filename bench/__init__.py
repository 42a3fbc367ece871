"""Benchmarks of the booking platform against the physical floor, measured in the same run.

``python -m bench`` (``make bench``) creates its own database on the local PostgreSQL server,
runs every figure, prints a table per figure with its target, and writes ``bench/results/``.
"""
