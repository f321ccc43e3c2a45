"""Benchmarks for PowerWith: a large-dataset generator and timings of the power dashboard.

- ``bench.generator``: a deterministic national programme of journeys, written with bulk
  inserts (executemany on SQLite, COPY on PostgreSQL), in the same shape the services produce.
- ``bench.measure``: warm timings of the dashboard page and of the insights for one large
  journey, one steady-size journey and the whole programme.
- ``python -m bench`` (``make bench``): generates at 1x and 10x on SQLite and PostgreSQL, times,
  and prints the table. See bench/README.md.
"""
