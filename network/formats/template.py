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

from network.model.schema import BUNDLED_DATA, TABLE_ORDER, Field, package_descriptor, tables
from network.text.catalogue import register, t

#: Rows the drop-down lists and text formats of the workbook reach.
TEMPLATE_ROWS = 50_000
_INLINE_LIST_LIMIT = 255  # Excel's limit for a list written into the validation itself

#: What each column holds, for people filling in the template: (English, Spanish).
COLUMNS: dict[str, tuple[str, str]] = {
    "sources.id": ("Source id: S0 for your main source, E1, E2... for the others.",
                   "Id de la fuente: S0 para su fuente principal, E1, E2... para las demás."),
    "sources.title": ("Title of the work, page or interview.",
                      "Título de la obra, página o entrevista."),
    "sources.url": ("Where it can be read (may be empty).",
                    "Dónde se puede leer (puede quedar vacío)."),
    "sources.publisher": ("Publisher, journal or site.", "Editorial, revista o sitio."),
    "sources.date": ("Publication date: YYYY, YYYY-MM or YYYY-MM-DD; empty if unknown.",
                     "Fecha de publicación: AAAA, AAAA-MM o AAAA-MM-DD; vacía si no se sabe."),
    "sources.note": ("Anything a reader should know about the source.",
                     "Lo que un lector debería saber sobre la fuente."),
    "networks.id": ("Network id, used in the ties table.",
                    "Id de la red, el que se usa en la tabla ties."),
    "networks.name": ("Name in English.", "Nombre en inglés."),
    "networks.name_es": ("Name in Spanish.", "Nombre en castellano."),
    "networks.domain": ("Domain the network belongs to.", "Dominio al que pertenece la red."),
    "networks.evidence": ("Source ids, separated by semicolons.",
                          "Ids de las fuentes, separados por punto y coma."),
    "actors.id": ("Actor id, used in the other tables.",
                  "Id del actor, el que se usa en las demás tablas."),
    "actors.name": ("Name (in English where there is one).",
                    "Nombre (en inglés si lo tiene)."),
    "actors.name_es": ("Name in Spanish (may be empty).",
                       "Nombre en castellano (puede quedar vacío)."),
    "actors.acronym": ("Short name or acronym (may be empty).",
                       "Nombre corto o sigla (puede quedar vacío)."),
    "actors.kind": ("What kind of organisation it is.", "Qué tipo de organización es."),
    "actors.ngo_type": ("Type of NGO; empty when the actor is not an NGO.",
                        "Tipo de ONG; vacío si el actor no es una ONG."),
    "actors.sector": ("Sector: civil society, market or state.",
                      "Sector: sociedad civil, mercado o Estado."),
    "actors.type_certainty": ("How certain kind, NGO type and sector are.",
                              "Qué tan seguros son el tipo, el tipo de ONG y el sector."),
    "actors.level": ("Level at which the actor works.", "Nivel en el que trabaja el actor."),
    "actors.domains": ("Domain(s), separated by semicolons.",
                       "Dominio(s), separados por punto y coma."),
    "actors.city": ("City or region where it is based (may be empty).",
                    "Ciudad o región donde tiene su sede (puede quedar vacía)."),
    "actors.founded": ("Founding year; leave it empty when no source gives it.",
                       "Año de fundación; déjelo vacío si ninguna fuente lo da."),
    "actors.founded_certainty": ("How certain the founded year is; unknown when it is empty.",
                                 "Qué tan seguro es el año de fundación; unknown si está vacío."),
    "actors.active_until": ("Last year the actor is shown; empty while it is active.",
                            "Último año en que se muestra el actor; vacío si sigue activo."),
    "actors.member_count": ("Number of members, where known (may be empty).",
                            "Número de miembros, si se sabe (puede quedar vacío)."),
    "actors.is_group": ("true for a node that stands for several unnamed members.",
                        "true para un nodo que representa a varios miembros sin nombre."),
    "actors.thesis_key": (
        "true when your main source names it a key actor (may be empty).",
        "true si su fuente principal la llama actor clave (puede quedar vacío)."),
    "actors.thesis_central": (
        "Domains or networks (ids, ;-separated) where your main source calls it central "
        "(may be empty).",
        "Ámbitos o redes (ids, separados por ;) donde su fuente principal la llama central "
        "(puede quedar vacío)."),
    "actors.description": ("A short description in English.", "Una descripción breve en inglés."),
    "actors.description_es": ("The same description in Spanish.",
                              "La misma descripción en castellano."),
    "actors.evidence": ("Source ids, separated by semicolons.",
                        "Ids de las fuentes, separados por punto y coma."),
    "actors.certainty": ("How certain it is that the actor belongs in the network.",
                         "Qué tan seguro es que el actor pertenece a la red."),
    "actors.note": ("Reasoning for inferred values (needed when certainty is inferred).",
                    "Razones de los valores inferidos (necesaria si certainty es inferred)."),
    "ties.id": ("Tie id.", "Id del vínculo."),
    "ties.source": ("Id of the actor the tie starts from.", "Id del actor de origen."),
    "ties.target": ("Id of the actor the tie goes to.", "Id del actor de destino."),
    "ties.relation": ("What the source does to or with the target.",
                      "Qué hace el origen con el destino."),
    "ties.network": ("Network id (from the networks table).",
                     "Id de la red (de la tabla networks)."),
    "ties.from_year": ("First year the tie holds; empty when not known.",
                       "Primer año del vínculo; vacío si no se sabe."),
    "ties.to_year": ("Last year the tie holds; empty while it holds.",
                     "Último año del vínculo; vacío si sigue vigente."),
    "ties.weight": ("Strength of the tie (1 when empty).", "Fuerza del vínculo (1 si está vacío)."),
    "ties.evidence": ("Source ids, separated by semicolons.",
                      "Ids de las fuentes, separados por punto y coma."),
    "ties.certainty": ("How certain the tie is.", "Qué tan seguro es el vínculo."),
    "ties.note": ("Reasoning for inferred ties and years.",
                  "Razones de los vínculos y años inferidos."),
    "discourses.id": ("Discourse id.", "Id del discurso."),
    "discourses.name": ("Name in English.", "Nombre en inglés."),
    "discourses.name_es": ("Name in Spanish.", "Nombre en castellano."),
    "discourses.domain": ("Domain the discourse belongs to.", "Dominio al que pertenece."),
    "discourses.mother": ("Mother discourse it comes from.", "Discurso madre del que proviene."),
    "discourses.diverges": ("true where it strongly diverges from its mother discourse.",
                            "true si se aparta mucho de su discurso madre."),
    "discourses.storyline": ("The storyline in English.", "El argumento en inglés."),
    "discourses.storyline_es": ("The storyline in Spanish.", "El argumento en castellano."),
    "discourses.evidence": ("Source ids, separated by semicolons.",
                            "Ids de las fuentes, separados por punto y coma."),
    "actor_discourses.actor": ("Actor id.", "Id del actor."),
    "actor_discourses.discourse": ("Discourse id.", "Id del discurso."),
    "actor_discourses.from_year": ("First year the actor endorses the discourse.",
                                   "Primer año en que el actor sostiene el discurso."),
    "actor_discourses.evidence": ("Source ids, separated by semicolons.",
                                  "Ids de las fuentes, separados por punto y coma."),
    "actor_discourses.certainty": ("How certain the endorsement is.",
                                   "Qué tan seguro es que lo sostiene."),
    "actor_discourses.note": ("Reasoning for inferred endorsements.",
                              "Razones de las adhesiones inferidas."),
}

_TABLES: dict[str, tuple[str, str]] = {
    "sources": ("Every source a row cites (evidence columns hold these ids).",
                "Cada fuente que cita una fila (las columnas evidence llevan estos ids)."),
    "networks": ("The networks ties belong to.", "Las redes a las que pertenecen los vínculos."),
    "actors": ("Organisations, platforms, projects and groups: one row each.",
               "Organizaciones, plataformas, proyectos y grupos: una fila por cada uno."),
    "ties": ("Directed ties between actors, with their network and years.",
             "Vínculos dirigidos entre actores, con su red y sus años."),
    "discourses": ("Discourses (optional: may stay empty).",
                   "Discursos (opcional: puede quedar vacía)."),
    "actor_discourses": ("Which actor endorses which discourse, from which year (optional).",
                         "Qué actor sostiene qué discurso, desde qué año (opcional)."),
}

register({f"template.col.{k}": v for k, v in COLUMNS.items()})
register({f"template.table.{k}": v for k, v in _TABLES.items()})
register({
    "template.sheet": ("Instructions", "Instrucciones"),
    "template.title": ("Redes: template for your own data", "Redes: plantilla para sus datos"),
    "template.steps": (
        "1. Fill in one sheet per table, one row per item, under the header row. Do not "
        "rename the sheets or the headings.\n"
        "2. Ids use lower-case letters, digits and _ only (e.g. centro_ideas); the ties, "
        "networks and sources you name must exist in their sheets.\n"
        "3. Every row cites its sources in the evidence column (e.g. S0;E2) and says how "
        "certain it is: stated, sourced or inferred (inferred rows explain why in note).\n"
        "4. sources, networks, actors and ties need at least one row; discourses and "
        "actor_discourses may stay empty.\n"
        "5. Save as .xlsx (or each sheet as CSV UTF-8) and upload it in the explorer: it "
        "tells you every problem by sheet, row and column before anything is loaded. "
        "Formulas are read as their saved values, never calculated.",
        "1. Complete una hoja por tabla, una fila por elemento, debajo de la fila de "
        "cabecera. No cambie el nombre de las hojas ni de las cabeceras.\n"
        "2. Los id usan solo minúsculas, dígitos y _ (p. ej. centro_ideas); los vínculos, "
        "redes y fuentes que nombre deben existir en sus hojas.\n"
        "3. Cada fila cita sus fuentes en la columna evidence (p. ej. S0;E2) e indica qué "
        "tan segura es: stated, sourced o inferred (las filas inferred explican por qué en "
        "note).\n"
        "4. sources, networks, actors y ties necesitan al menos una fila; discourses y "
        "actor_discourses pueden quedar vacías.\n"
        "5. Guarde como .xlsx (o cada hoja como CSV UTF-8) y súbalo en el explorador: le "
        "indicará cada problema por hoja, fila y columna antes de cargar nada. Las fórmulas "
        "se leen como sus valores guardados, nunca se calculan.",
    ),
    "template.head.sheet": ("Sheet", "Hoja"),
    "template.head.column": ("Column", "Columna"),
    "template.head.type": ("Type", "Tipo"),
    "template.head.required": ("Required", "Obligatoria"),
    "template.head.allowed": ("Allowed values or form", "Valores permitidos o forma"),
    "template.head.description": ("What it holds", "Qué contiene"),
    "template.head.example": ("Example", "Ejemplo"),
    "template.type.string": ("text", "texto"),
    "template.type.integer": ("whole number", "número entero"),
    "template.type.number": ("number", "número"),
    "template.type.boolean": ("true or false", "true o false"),
    "template.yes": ("yes", "sí"),
    "template.no": ("no", "no"),
    "template.form.id": ("lower-case letters, digits and _", "minúsculas, dígitos y _"),
    "template.form.source_id": ("S0, or E and a number (E1, E2...)",
                                "S0, o E y un número (E1, E2...)"),
    "template.form.evidence": ("source ids separated by ; (e.g. S0;E2)",
                               "ids de fuentes separados por ; (p. ej. S0;E2)"),
    "template.form.many": ("one or more of: {values} (separated by ;)",
                           "uno o más de: {values} (separados por ;)"),
    "template.form.range": ("from {low} to {high}", "de {low} a {high}"),
    "template.form.minimum": ("{low} or more", "{low} o más"),
    "template.form.reference": ("an id from the {table} sheet", "un id de la hoja {table}"),
    "template.invalid_title": ("Not an allowed value", "Valor no permitido"),
    "template.invalid": ("Choose one of the values in the list.",
                         "Elija uno de los valores de la lista."),
    "template.my_network": ("My network", "Mi red"),
    "template.readme": ("README.txt", "LEAME.txt"),
})


def _lang(lang: str) -> str:
    return lang if lang in ("en", "es") else "en"


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

    return get_column_letter(index)


@lru_cache(maxsize=2)
def template_xlsx(lang: str = "en") -> bytes:
    """The XLSX template: instructions, then one header-only sheet per table."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = _lang(lang)
    book = Workbook()
    guide = book.active
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

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    lists = None
    for name in TABLE_ORDER:
        ws = book.create_sheet(name)
        spec = tables()[name]
        ws.append(list(spec.columns))
        for index, f in enumerate(spec.fields, start=1):
            letter = _letter(index)
            cell = ws.cell(row=1, column=index)
            cell.font = bold
            cell.fill = fill
            note = t(f"template.col.{name}.{f.name}", lang)
            form = _form(name, f, lang)
            required = t("template.yes" if f.required else "template.no", lang)
            cell.comment = Comment(
                f"{note}\n{t('template.head.required', lang)}: {required}"
                + (f"\n{form}" if form else ""), "Redes", width=300, height=140)
            ws.column_dimensions[letter].width = max(12, min(40, len(f.name) + 6))
            values = list(f.enum) if f.enum else (["true", "false"] if f.type == "boolean"
                                                  else None)
            cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
            if values:
                inline = '"' + ",".join(values) + '"'
                if len(inline) <= _INLINE_LIST_LIMIT:
                    formula = inline
                else:  # too long to write inline: a hidden sheet holds the list
                    if lists is None:
                        lists = book.create_sheet("_lists")
                        lists.sheet_state = "hidden"
                    column = lists.max_column + (1 if lists.max_row > 1 else 0)
                    for row, value in enumerate(values, start=1):
                        lists.cell(row=row, column=column, value=value)
                    col = _letter(column)
                    formula = f"'_lists'!${col}$1:${col}${len(values)}"
                check = DataValidation(type="list", formula1=formula, allow_blank=True,
                                       showErrorMessage=True,
                                       errorTitle=t("template.invalid_title", lang),
                                       error=t("template.invalid", lang))
                check.add(cells)
                ws.add_data_validation(check)
            elif f.type == "string":
                ws.column_dimensions[letter].number_format = "@"  # keep ids like 007 as typed
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
