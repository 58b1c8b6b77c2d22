"""The evidence pack: everything about one view in one ZIP, to attach to a memo or a report.

In this order (``redes-2008`` is :func:`~network.formats.naming.file_stem`; words in Spanish
when ``lang="es"``: LEEME, metodos, red, tablas, datos)::

    README.txt                      what each file is, and the link to the view
    methods.md                      the methods note (Markdown, also readable as plain text)
    redes-2008-network.png / .svg   the picture, when given
    redes-2008-tables.xlsx          one sheet per table
    redes-2008-tables/<name>.csv    one CSV per table
    redes-2008-network.graphml      the network for Gephi, yEd, Cytoscape...
    redes-2008-network.gexf         the same, with years for Gephi's timeline
    redes-2008-data/                the view as a data package (load it in Redes)
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from network.formats import gephi, spreadsheets, view_package
from network.formats.captions import view_words
from network.formats.methods import methods_note
from network.formats.naming import file_stem, filters_of
from network.formats.zip_writer import Today, zip_bytes
from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.state import ViewState


def evidence_pack(ds: Dataset, state: ViewState, lang: str = "en", link: str | None = None,
                  today: Today = None,
                  picture_png: bytes | None = None, picture_svg: bytes | None = None,
                  tables: Mapping[str, pd.DataFrame] | None = None) -> bytes:
    """Everything about one view in a ZIP (files listed in the module docstring).

    The README and the methods note are in ``lang`` (``README.txt`` and ``methods.md``, or
    ``LEEME.txt`` and ``metodos.md``); the tables appear as one XLSX and a folder of CSVs
    (skipped when there are none); the network as GraphML, GEXF and a data package folder.
    """
    lang = "es" if lang == "es" else "en"
    filters = filters_of(state)
    stem = file_stem(ds, filters, lang)
    network = f"{stem}-{t('export.file.network', lang)}"
    table_stem = f"{stem}-{t('export.file.tables', lang)}"
    data_folder = f"{stem}-{t('export.file.data', lang)}"
    methods = f"{t('export.file.methods', lang)}.md"
    sheets = dict(tables or {})

    # each file, and the README line that says what it is (a folder is said once)
    entries: list[tuple[str, str]] = [(methods, "export.readme.methods")]
    files: list[tuple[str, bytes]] = [
        (methods, methods_note(ds, state, lang, link, today, state.metric).encode("utf-8"))]
    for picture, ext in ((picture_png, "png"), (picture_svg, "svg")):
        if picture is not None:
            files.append((f"{network}.{ext}", picture))
            entries.append((f"{network}.{ext}", "export.readme.picture"))
    if sheets:
        files.append((f"{table_stem}.xlsx", spreadsheets.tables_xlsx(sheets)))
        entries.append((f"{table_stem}.xlsx", "export.readme.xlsx"))
        files += spreadsheets.csv_files(sheets, table_stem)
        entries.append((f"{table_stem}/", "export.readme.csv"))
    files.append((f"{network}.graphml", gephi.graphml_bytes(ds, filters, lang, state.layout)))
    entries.append((f"{network}.graphml", "export.readme.graphml"))
    files.append((f"{network}.gexf", gephi.gexf_bytes(ds, filters, lang, state.layout, today)))
    entries.append((f"{network}.gexf", "export.readme.gexf"))
    files += view_package.view_files(ds, filters, data_folder)
    entries.append((f"{data_folder}/", "export.readme.data"))

    readme_name = f"{t('export.file.readme', lang)}.txt"
    files.insert(0, (readme_name, _readme(ds, state, lang, link, entries)))
    return zip_bytes(files, today)


def _readme(ds: Dataset, state: ViewState, lang: str, link: str | None,
            entries: list[tuple[str, str]]) -> bytes:
    """The README: which view this is, one line per file, and the link that reopens it."""
    readme = [t("export.readme.title", lang, view=view_words(ds, filters_of(state), lang)), ""]
    readme += [f"- {name}: {t(key, lang)}" for name, key in entries]
    if link:
        readme += ["", t("export.readme.link", lang, link=link)]
    elif link == "":  # an upload not published: no link opens it
        readme += ["", t("export.note.no_link", lang)]
    return ("\n".join(readme) + "\n").encode("utf-8")
