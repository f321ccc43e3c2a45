"""A journey (or an organisation's journeys) as a Frictionless data package, and back.

``powerwith export SLUG --package DIR [--public]`` writes ``DIR/datapackage.json`` and one CSV
per table under ``DIR/data/``; ``powerwith import DIR`` reads a full package into this
PowerWith. The contract is docs/data-package.md.

Two forms, from one set of tables:

- **full**: every row of the journey's record, one table per model (``<app>.<model>.csv``),
  every column the model has except links to sign-in accounts, so another PowerWith can rebuild
  the journey. Rows are given package keys (1, 2, 3... per table, in the order of their ids),
  so ids can differ between servers while every link in the package still holds; importing a
  package and exporting it again gives the same package.
- **public**: the same tables with everything personal or unpublished taken out
  (``PUBLIC_DROPPED`` and ``_public_field``): no names, no contact details, no free text except
  what the group chose to publish, no anonymous answers, secret ballots or personal
  characteristics, which appear only as the export's suppressed counts
  (``exports.all_tables``'s ``inclusion_representation``).

The tables come from the models, not from a second hand-written list: the registry of
``exports.EXPORT_MODULES`` decides which apps are a journey's record, and each of those apps'
models (with the foundation's) is a table. Its CSV files are written by ``common.csvsafe``.

One job a module: ``schema`` (which tables, their Frictionless schemas, and what is left out),
``writing`` (a package from the record), ``reading`` (a package checked against our tables) and
``importing`` (a checked package written into the record). The names callers use are here.
"""

from __future__ import annotations

from .importing import package_import
from .reading import read
from .schema import PUBLIC_DROPPED, PackageError, Table, expected_resources, tables
from .writing import Package, build, descriptor, package_export, package_zip, write

__all__ = [
    "PUBLIC_DROPPED",
    "Package",
    "PackageError",
    "Table",
    "build",
    "descriptor",
    "expected_resources",
    "package_export",
    "package_import",
    "package_zip",
    "read",
    "tables",
    "write",
]
