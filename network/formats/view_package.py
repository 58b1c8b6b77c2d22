"""The view as a data package: which rows of the data a view keeps, and how it describes them.

:func:`view_tables` picks the rows, :func:`view_files` and :func:`view_zip` write them with
the one package writer (:mod:`network.formats.package`). The data export (*Save the data*)
is :func:`view_zip`; the evidence pack holds :func:`view_files` in its ``*-data/`` folder.
"""

from __future__ import annotations

import copy

import pandas as pd

from network.formats import package
from network.formats.naming import filters_of, slug, years_text
from network.formats.zip_writer import Today, zip_bytes
from network.model.dataset import Dataset
from network.model.schema import TABLE_ORDER, package_descriptor
from network.model.schema import tables as schema_tables
from network.model.validation import EVIDENCE_SPLIT
from network.view.state import Filters, ViewState
from network.view.visible import visible

#: Metadata of the bundled package that a view of the bundled data keeps.
_KEPT_METADATA = ("description", "version", "homepage", "contributors", "sources")


def cited_sources(frames: list[pd.DataFrame]) -> set[str]:
    """The source ids the ``evidence`` column of these frames cites."""
    found: set[str] = set()
    for frame in frames:
        for value in frame["evidence"].tolist():
            found.update(filter(None, EVIDENCE_SPLIT.split(str(value or "").strip())))
    return found


def view_tables(ds: Dataset, filters: Filters) -> dict[str, pd.DataFrame]:
    """The view as the project's tables, in :data:`TABLE_ORDER`, with the schema's columns.

    Actors and ties are those in view; actor_discourses those of actors in view; networks
    and discourses are kept whole (they are the codebook, and every tie and endorsement
    refers to them); sources are cut to those the kept rows cite. Foreign keys hold.
    """
    view = visible(ds, filters_of(filters))
    endorsements = ds.actor_discourses[ds.actor_discourses["actor"].isin(view.actors.index)]
    # the rows as the data has them (with each fact's certainty), not as a "stated only"
    # view masks them: the package is the data, and it loads back as such
    kept = {"actors": ds.actors.loc[view.actors.index], "ties": view.ties,
            "actor_discourses": endorsements,
            "networks": ds.networks, "discourses": ds.discourses}
    cited = cited_sources(list(kept.values()))
    kept["sources"] = ds.sources[ds.sources["id"].isin(cited)]
    return {name: kept[name][list(schema_tables()[name].columns)].reset_index(drop=True)
            for name in TABLE_ORDER}


def _name_and_about(ds: Dataset, filters: Filters) -> tuple[str, dict[str, object]]:
    """The package's name (``<data>-view-<years>``) and the metadata that describes the view.

    A view of the bundled data keeps the bundled package's name and metadata; other data
    gets a name from its title. The description says which view the rows are.
    """
    bundled = package_descriptor()
    own = bundled.get("title") == ds.title
    name = bundled.get("name") if own else slug(ds.title, "redes").replace("_", "-")
    about: dict[str, object] = {}
    if own:
        about.update({key: copy.deepcopy(bundled[key]) for key in _KEPT_METADATA
                      if key in bundled})
    filtered = filters_of(filters)
    query = ViewState(**{f: getattr(filtered, f) for f in Filters.__dataclass_fields__})
    years = years_text(ds, filters)
    note = (f"Only the actors and ties in one view of the Redes explorer "
            f"({query.to_query() or 'no filters'}; years {years or 'none given'}), with the "
            f"endorsements of those actors and the sources their rows cite; networks and "
            f"discourses are kept whole.")
    about["description"] = f"{about.get('description', '')} {note}".strip()
    return f"{name}-view-{years}" if years else f"{name}-view", about


def view_files(ds: Dataset, filters: Filters, folder: str = "") -> list[tuple[str, bytes]]:
    """The view's data package as ``(path, bytes)``, under ``folder/`` when given."""
    name, about = _name_and_about(ds, filters)
    return package.package_files(view_tables(ds, filters), ds.title, ds.licences,
                                 name=name, about=about, folder=folder)


def view_zip(ds: Dataset, filters: Filters, today: Today = None) -> bytes:
    """The view as a data package in a ZIP: ``datapackage.json`` and the six CSV files of
    the project's schema at the top of the archive (see :func:`view_tables`). Unzipped,
    :func:`network.loading.load` reads the folder.

    The loader refuses a table without rows, so a view with no ties (or whose actors endorse
    no discourse) gives a package that does not load back.
    """
    return zip_bytes(view_files(ds, filters), today)
