"""Templates to bring one's own data: an XLSX workbook and a ZIP of CSV files.

The workbook has an instructions sheet first ("Instructions" or "Instrucciones"), then one
sheet per table in :data:`~network.model.schema.TABLE_ORDER`, each with only its header row:
column headings stay the schema's names (the upload reads them), and each heading has a
comment saying what goes below. Columns with allowed values offer them as a drop-down
list. The instructions describe every column: its type, whether it is required, its
allowed values or form, and an example from the bundled data.

The CSV template holds the same tables as header-only CSV files (UTF-8), a
``datapackage.json`` and the instructions as a text file. Everything comes from the schema
in ``data/datapackage.json``, so the template cannot drift from what the upload checks.

Longer than 400 lines: the template's column notes (one per column of the schema, in
both languages) are most of it; the code that writes the workbook and the ZIP is short.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from functools import cache, lru_cache
from typing import Any

from network.model.schema import BUNDLED_DATA, TABLE_ORDER, Field, package_descriptor, tables
from network.text.catalogue import LANGUAGES, t

#: Rows the drop-down lists and text formats of the workbook reach.
TEMPLATE_ROWS = 50_000
_INLINE_LIST_LIMIT = 255  # Excel's limit for a list written into the validation itself
_LISTS_SHEET = "_lists"  # the hidden sheet holding the lists too long to write inline


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def _references() -> dict[tuple[str, str], str]:
    refs: dict[tuple[str, str], str] = {}
    for spec in tables().values():
        for fk in spec.foreign_keys:
            refs[(spec.name, fk.column)] = fk.table
    return refs


def _form(table: str, f: Field, lang: str) -> str:
    """Allowed values or form of a column, in words."""
    if f.enum:
        return ", ".join(f.enum)
    if f.type == "boolean":
        return "true, false"
    if f.name == "evidence":
        return t("template.form.evidence", lang)
    if table == "sources" and f.name == "id":
        return t("template.form.source_id", lang)
    if f.pattern == "^[a-z0-9_]+$":
        return t("template.form.id", lang)
    if f.pattern and "(;" in f.pattern:  # a list of allowed words, like domains
        words = f.pattern.split("(;")[0].strip("^()").split("|")
        return t("template.form.many", lang, values=", ".join(words))
    ref = _references().get((table, f.name))
    if ref:
        return t("template.form.reference", lang, table=ref)
    if f.minimum is not None and f.maximum is not None:
        return t("template.form.range", lang, low=_num(f.minimum), high=_num(f.maximum))
    if f.minimum is not None:
        return t("template.form.minimum", lang, low=_num(f.minimum))
    return ""


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@cache
def _examples() -> dict[str, dict[str, str]]:
    """The first row of each bundled table, as examples (shortened)."""
    out: dict[str, dict[str, str]] = {}
    for name in TABLE_ORDER:
        path = BUNDLED_DATA / f"{name}.csv"
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                row = next(csv.DictReader(fh), {}) or {}
        except OSError:
            row = {}
        out[name] = {k: (v if len(v) <= 60 else v[:57] + "…") for k, v in row.items() if k}
    return out


def instructions(lang: str = "en") -> list[list[str]]:
    """The instruction table: a header row, then one row per column of every table.

    >>> rows = instructions("es")
    >>> rows[0][:3], rows[1][:4]
    (['Hoja', 'Columna', 'Tipo'], ['sources', 'id', 'texto', 'sí'])
    """
    lang = _lang(lang)
    heads = ("sheet", "column", "type", "required", "allowed", "description", "example")
    rows = [[t(f"template.head.{h}", lang) for h in heads]]
    examples = _examples()
    for name in TABLE_ORDER:
        for f in tables()[name].fields:
            rows.append([
                name, f.name, t(f"template.type.{f.type}", lang),
                t("template.yes" if f.required else "template.no", lang),
                _form(name, f, lang), t(f"template.col.{name}.{f.name}", lang),
                examples.get(name, {}).get(f.name, ""),
            ])
    return rows


def readme(lang: str = "en") -> str:
    """The instructions as plain text (the CSV template's README)."""
    lang = _lang(lang)
    lines = [t("template.title", lang), "", t("template.steps", lang), ""]
    rows = instructions(lang)
    current = None
    for sheet, column, kind, required, allowed, description, example in rows[1:]:
        if sheet != current:
            current = sheet
            lines += ["", f"{sheet}.csv — {t(f'template.table.{sheet}', lang)}"]
        bits = [kind, f"{rows[0][3].lower()}: {required}"]
        if allowed:
            bits.append(allowed)
        line = f"  {column} ({'; '.join(bits)}): {description}"
        if example:
            line += f" [{rows[0][6].lower()}: {example}]"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


@lru_cache(maxsize=2)
def template_xlsx(lang: str = "en") -> bytes:
    """The XLSX template: instructions, then one header-only sheet per table."""
    from openpyxl import Workbook

    lang = _lang(lang)
    book = Workbook()
    _write_guide(book.active, lang)
    for name in TABLE_ORDER:
        _write_table_sheet(book, name, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_guide(guide: Any, lang: str) -> None:
    """The instructions sheet: title, steps, then the instruction table (:func:`instructions`)."""
    from openpyxl.styles import Alignment, Font

    guide.title = t("template.sheet", lang)
    guide.append([t("template.title", lang)])
    guide["A1"].font = Font(bold=True, size=14)
    for line in t("template.steps", lang).split("\n"):
        guide.append([line])
    guide.append([])
    first = guide.max_row + 1
    for row in instructions(lang):
        guide.append(row)
    for cell in guide[first]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (18, 20, 14, 11, 44, 60, 40), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=first + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    guide.freeze_panes = f"A{first + 1}"


def _write_table_sheet(book: Any, name: str, lang: str) -> None:
    """One table's sheet: its header row, each heading with a note, each column its format."""
    from openpyxl.styles import Font, PatternFill

    ws = book.create_sheet(name)
    spec = tables()[name]
    ws.append(list(spec.columns))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, f in enumerate(spec.fields, start=1):
        letter = _letter(index)
        cell = ws.cell(row=1, column=index)
        cell.font = bold
        cell.fill = fill
        cell.comment = _heading_note(name, f, lang)
        ws.column_dimensions[letter].width = max(12, min(40, len(f.name) + 6))
        values = list(f.enum) if f.enum else (["true", "false"] if f.type == "boolean"
                                              else None)
        if values:
            check = _drop_down(book, values, lang)
            check.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(check)
        elif f.type == "string":
            ws.column_dimensions[letter].number_format = "@"  # keep ids like 007 as typed
    ws.freeze_panes = "A2"


def _heading_note(table: str, f: Field, lang: str) -> Any:
    """The comment on a column heading: what goes below, whether required, its form."""
    from openpyxl.comments import Comment

    note = t(f"template.col.{table}.{f.name}", lang)
    form = _form(table, f, lang)
    required = t("template.yes" if f.required else "template.no", lang)
    return Comment(f"{note}\n{t('template.head.required', lang)}: {required}"
                   + (f"\n{form}" if form else ""), "Redes", width=300, height=140)


def _drop_down(book: Any, values: list[str], lang: str) -> Any:
    """A list validation offering ``values``: written inline when Excel allows it, else
    pointing at a column of the hidden ``_lists`` sheet."""
    from openpyxl.worksheet.datavalidation import DataValidation

    inline = '"' + ",".join(values) + '"'
    if len(inline) <= _INLINE_LIST_LIMIT:
        formula = inline
    else:
        lists = _hidden_lists_sheet(book)
        list_column = lists.max_column + (1 if lists.max_row > 1 else 0)
        for row_number, value in enumerate(values, start=1):
            lists.cell(row=row_number, column=list_column, value=value)
        col = _letter(list_column)
        formula = f"'{_LISTS_SHEET}'!${col}$1:${col}${len(values)}"
    return DataValidation(type="list", formula1=formula, allow_blank=True,
                          showErrorMessage=True,
                          errorTitle=t("template.invalid_title", lang),
                          error=t("template.invalid", lang))


def _hidden_lists_sheet(book: Any) -> Any:
    """The hidden sheet holding lists too long to write inline, made when first needed."""
    if _LISTS_SHEET in book.sheetnames:
        return book[_LISTS_SHEET]
    lists = book.create_sheet(_LISTS_SHEET)
    lists.sheet_state = "hidden"
    return lists


@lru_cache(maxsize=2)
def template_csv_zip(lang: str = "en") -> bytes:
    """The CSV template: header-only table CSVs, datapackage.json and a README, zipped."""
    lang = _lang(lang)
    meta = {key: value for key, value in package_descriptor().items()
            if key in ("profile", "resources")}
    meta = {"profile": meta.get("profile", "tabular-data-package"), "name": "my-network",
            "title": t("template.my_network", lang), "licenses": [],
            "resources": meta.get("resources", [])}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def add(path: str, text: str, bom: bool = False) -> None:
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, ("\ufeff" if bom else "") + text)

        add(t("template.readme", lang), readme(lang))
        add("datapackage.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        for name in TABLE_ORDER:
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerow(tables()[name].columns)
            add(f"{name}.csv", out.getvalue(), bom=True)  # the BOM tells Excel it is UTF-8
    return buffer.getvalue()
