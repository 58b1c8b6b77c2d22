"""The one writer of Redes data packages: the six table CSVs and ``datapackage.json``.

A data package is what :func:`network.model.loader.read_folder` (and an upload of a ZIP)
reads back: a ``datapackage.json`` whose resources are the project's schema, and one CSV per
table of :data:`~network.model.schema.TABLE_ORDER`. Every export that writes one goes
through here, so they are byte for byte the same for the same tables: the view's data export
and the ``*-data/`` folder of the evidence pack (both via :mod:`network.formats.view_package`).

API, for any code that holds validated tables (e.g. an upload keeping its normalised copy)::

    files = package_files(tables, title, licences, name="upload")      # [(path, bytes)]
    files = package_files(tables, title, licences, folder="redes-2008-data")
    data = package_zip(tables, title, licences, name="upload", today="1980-01-01")

``tables`` maps every name of ``TABLE_ORDER`` to a frame with (at least) that table's schema
columns, as :func:`network.model.validation.validate` gives them; other columns are left
out, rows are written in their order and the index is ignored. Cells are written as the
loader reads them (:func:`table_csv`): UTF-8, comma-separated, ``\\n`` line ends, empty for a
missing value, ``true``/``false`` for booleans, whole numbers without ``.0``.

Spreadsheet safety: people open these CSVs in Excel or LibreOffice too, so every text cell
goes through :func:`network.model.formulas.neutralise` (text a spreadsheet would run as a
formula, ``=HYPERLINK(...)``, ``@SUM(...)``, ``-2+3``, gets a leading apostrophe; numbers
and booleans are written as they are). The loader takes that apostrophe off again
(:func:`network.model.formulas.restore`), so a package still loads back unchanged: the
data export uploaded again, or the upload's stored copy read back, gives the same tables
(and the same content key).

``datapackage.json`` holds, in this order: the bundled package's ``profile``, ``name``,
``title``, the entries of ``about`` (e.g. ``description``, ``version``), ``licenses`` when
there are any, and the bundled package's ``resources`` (the schema). It is indented JSON,
UTF-8, non-ASCII kept as is, with a final newline.

Every writer of the package uses this module: the data export, the evidence pack and the
upload's stored copy (``package_zip(typed, title, licences, name="upload",
today="1980-01-01")``, so the same data is the same bytes).
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Mapping, Sequence

import pandas as pd

from network.formats.cells import plain_value
from network.formats.zip_writer import Today, zip_bytes
from network.model.formulas import neutralise
from network.model.schema import TABLE_ORDER, package_descriptor
from network.model.schema import tables as schema_tables

#: A licence as ``datapackage.json`` has it (``name``, ``title``, ``path``).
Licence = Mapping[str, object]


def package_files(tables: Mapping[str, pd.DataFrame], title: str,
                  licences: Sequence[Licence] = (), *, name: str = "redes",
                  about: Mapping[str, object] | None = None,
                  folder: str = "") -> list[tuple[str, bytes]]:
    """The package as ``(path, bytes)``: ``datapackage.json`` first, then the CSVs in
    ``TABLE_ORDER``, each path under ``folder/`` when ``folder`` is given.

    ``name`` is the package's machine name; ``about`` adds descriptor entries after the
    title (see the module docstring). Same arguments, same bytes.
    """
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    descriptor = package_json(title, licences, name=name, about=about)
    files = [(f"{prefix}datapackage.json", descriptor)]
    files += [(f"{prefix}{schema_tables()[table].path}", table_csv(tables[table], table))
              for table in TABLE_ORDER]
    return files


def package_zip(tables: Mapping[str, pd.DataFrame], title: str,
                licences: Sequence[Licence] = (), *, name: str = "redes",
                about: Mapping[str, object] | None = None, today: Today = None) -> bytes:
    """:func:`package_files` (at the top of the archive) as a ZIP.

    Entries are dated ``today`` (default: the current date), so pass a fixed date for the
    same bytes on any day. Unzipped, :func:`network.model.loader.read_folder` reads it.
    """
    return zip_bytes(package_files(tables, title, licences, name=name, about=about), today)


def package_json(title: str, licences: Sequence[Licence] = (), *, name: str = "redes",
                 about: Mapping[str, object] | None = None) -> bytes:
    """``datapackage.json``: the bundled package's profile and schema, this data's metadata."""
    bundled = package_descriptor()
    descriptor: dict[str, object] = {"profile": bundled.get("profile", "tabular-data-package"),
                                     "name": name, "title": title}
    descriptor.update(copy.deepcopy(dict(about or {})))
    if licences:
        descriptor["licenses"] = [dict(licence) for licence in licences]
    descriptor["resources"] = copy.deepcopy(bundled["resources"])
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def table_csv(frame: pd.DataFrame, table: str) -> bytes:
    """One table as the loader reads it: its schema columns, UTF-8, ``true``/``false``,
    text a spreadsheet would run neutralised (see the module docstring)."""
    spec = schema_tables()[table]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.columns)
    for values in zip(*(frame[c].tolist() for c in spec.columns), strict=True):
        row = []
        for f, value in zip(spec.fields, map(plain_value, values), strict=True):
            if value is None:
                row.append("")
            elif f.type == "boolean" or isinstance(value, bool):
                row.append("true" if value else "false")
            elif isinstance(value, float):
                row.append(_number_text(value))
            elif isinstance(value, str):
                row.append(str(neutralise(value)))
            else:
                row.append(str(value))
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _number_text(value: float) -> str:
    """``3.0`` as ``3`` (so an integer column reads back as integers), else in full."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
