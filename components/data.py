"""Bring your own data: the template, the upload, the validation report, and the banner
that says whose data a page shows (with *Publish* and *Return to the bundled data*)."""

from __future__ import annotations

from dash import dcc, html

from network.model.limits import MB, Limits
from network.model.problems import Problem
from network.text.catalogue import t
from serving.library import RequestedDataset

from .ids import ID
from .words import live_text


def megabytes(size: int) -> str:
    """A size for people.

    >>> megabytes(20 * MB), megabytes(1536 * 1024)
    ('20 MB', '1.5 MB')
    """
    value = size / MB
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def template_href(kind: str, lang: str) -> str:
    """Where the template is served (``app.py`` routes ``/template/<file>``)."""
    return f"/template/redes-template-{lang}.{'xlsx' if kind == 'xlsx' else 'zip'}"


def banner(current: RequestedDataset, lang: str, ttl_hours: float) -> str:
    """Whose data the page shows, when it is not the bundled data (else "")."""
    if current.missing:
        return gone_note(lang, ttl_hours)
    if not current.own:
        return ""
    ds = current.dataset
    key = "ui.data.published" if current.published else "ui.data.own"
    return t(key, lang, title=f"“{ds.title_in(lang)}”", actors=len(ds.actors), ties=len(ds.ties))


def withdraw_href(key: str, secret: str) -> str:
    """The address that withdraws a published data set (app.py's /withdraw route)."""
    return f"/withdraw/{key}?secret={secret}"


def withdraw_note(key: str, secret: str, lang: str) -> list:
    """Shown once, to the publisher only: the link that withdraws the data set."""
    return [t("ui.data.withdraw.note", lang), " ",
            html.A(t("ui.data.withdraw.link", lang), href=withdraw_href(key, secret),
                   id=ID.DATA_WITHDRAW, target="_blank", rel="noopener")]


def gone_note(lang: str, ttl_hours: float) -> str:
    """Why a page shows the bundled data when it asked for an upload."""
    if ttl_hours:
        return t("ui.data.missing", lang, hours=f"{ttl_hours:g}")
    return t("ui.data.missing_kept", lang)


def section(current: RequestedDataset, lang: str, limits: Limits, ttl_hours: float) -> html.Div:
    """The data bar under the header: the banner, and the template and upload steps."""

    upload = html.Details([
        html.Summary(live_text("ui.data", lang)),
        live_text("ui.data.intro", lang, html.P, className="help"),
        html.Div([
            html.Div([
                live_text("ui.data.step1", lang, html.H3),
                html.Ul([
                    html.Li(html.A(live_text("ui.data.template_xlsx", lang),
                                   id=ID.DATA_TEMPLATE_XLSX,
                                   href=template_href("xlsx", lang), download="")),
                    html.Li(html.A(live_text("ui.data.template_csv", lang), id=ID.DATA_TEMPLATE_CSV,
                                   href=template_href("csv", lang), download="")),
                ], className="template-links"),
                live_text("ui.data.template.help", lang, html.P, className="help"),
            ], className="data-step"),
            html.Div([
                live_text("ui.data.step2", lang, html.H3),
                dcc.Upload(
                    html.Div([live_text("ui.data.drop", lang, className="drop-text")]),
                    id=ID.DATA_UPLOAD, multiple=True, className="drop-zone",
                    # no accept and no max_size: a file either refuses is dropped in the
                    # browser without a word (the template's datapackage.json was, when the
                    # list left out .json), so every file chosen goes to the server, which
                    # tells its type from its content and says what became of each. The size
                    # is checked in the browser (assets/0-data.js), with a message, and again
                    # on the server.
                ),
                html.P(t("ui.data.formats", lang, limit=megabytes(limits.max_bytes)),
                       id=ID.DATA_FORMATS, className="help"),
            ], className="data-step"),
        ], className="data-steps"),
        html.Div([
            html.Span(className="spinner", **{"aria-hidden": "true"}),
            html.Span(t("ui.data.stage.send", lang), id=ID.DATA_PROGRESS),
            html.Button(live_text("ui.data.cancel", lang), id=ID.DATA_CANCEL,
                        className="button secondary small"),
        ], id=ID.DATA_WORKING, className="data-working", role="status", hidden=True),
        html.Div(id=ID.DATA_REPORT, className="data-report", role="status",
                 **{"aria-live": "polite"}),
        html.Button(live_text("ui.data.explore", lang), id=ID.DATA_EXPLORE, className="button",
                    hidden=True),
    ], id=ID.DATA_PANEL, className="data-upload")
    return html.Div([
        dcc.Store(id=ID.DATA_SENT),
        dcc.Store(id=ID.DATA_RESULT),
        dcc.Store(id=ID.DATA_LIMIT, data=limits.max_bytes),
        html.Div([
            html.P(banner(current, lang, ttl_hours), id=ID.DATA_STATUS, className="data-note"),
            html.Div([
                html.Button(live_text("ui.data.publish", lang), id=ID.DATA_PUBLISH,
                            className="button secondary small",
                            hidden=not current.own or current.published,
                            title=(t("ui.data.publish.help", lang, hours=f"{ttl_hours:g}")
                                   if ttl_hours else t("ui.data.publish.help_kept", lang))),
                html.Button(live_text("ui.data.return", lang), id=ID.DATA_RETURN,
                            className="button small", hidden=not current.own),
            ], className="data-actions"),
        ], id=ID.DATA_BANNER, className="data-banner", role="status",
            hidden=not (current.own or current.missing)),
        upload,
    ], className="data-bar")


# --- the validation report -----------------------------------------------------------------


def result_to_store(result, names: list[str]) -> dict:
    """What the report needs, as JSON, so that it can be drawn again in another language."""
    ds = result.dataset
    errors, warnings = result.report.totals

    def plain(params) -> list:
        return [[k, v if isinstance(v, int | float | str) else str(v)] for k, v in params]

    return {
        "names": names,
        "key": result.content_key if ds is not None else None,
        "problems": [[p.severity, p.table, p.key, p.row, p.column, plain(p.params)]
                     for p in result.report.problems],
        "errors": errors,
        "warnings": warnings,
        "assumed": [[key, plain(params)] for key, params in result.assumed],
        "summary": None if ds is None else {
            "actors": len(ds.actors), "ties": len(ds.ties),
            "first": ds.first_year, "last": ds.last_year, "dated": ds.dated},
    }


def _problems(stored: dict) -> list[Problem]:
    return [Problem(sev, table, key, row, column, tuple((k, v) for k, v in params))
            for sev, table, key, row, column, params in stored.get("problems") or []]


_ORDER = {"error": 0, "warning": 1}


def _count(one: str, many: str, count: int, lang: str) -> str:
    return t(one, lang) if count == 1 else t(many, lang, count=count)


#: Problems that are the server's answer to an upload, not a fault in its files: no table
#: of rows to correct, just the message (too many uploads, a job over its limits, no room).
REFUSALS = frozenset({"upload.too_many", "upload.job_time", "upload.job_memory",
                      "upload.store_failed"})


#: Most file names a report lists (an upload has at most Limits.max_files).
SHOWN_NAMES = 20


def file_names(names: list, lang: str) -> str:
    """The files of an upload for its report: every one named, so that none chosen goes
    unmentioned ("7 files (actors.csv, …, datapackage.json)").

    >>> file_names(["a.csv"], "en"), file_names(["c.json", "a.csv", "b.csv"], "en")
    ('a.csv', '3 files (a.csv, b.csv, c.json)')
    """
    # in one order whatever order the browser handed them over in (it varies)
    files = sorted(str(n) for n in names)
    if len(files) <= 2:
        return ", ".join(files) or "—"
    shown = ", ".join(files[:SHOWN_NAMES]) + (", …" if len(files) > SHOWN_NAMES else "")
    return f"{t('ui.data.files', lang, count=len(files))} ({shown})"


def report(stored: dict | None, lang: str) -> list:
    """The validation report: a sentence, then every problem with its sheet or file, row and
    column and what to change, then what was assumed, then *Explore* when it is valid."""
    if not stored:
        return []
    names = file_names(stored.get("names") or [], lang)
    if stored.get("reading"):
        return [html.P(t("ui.data.reading", lang, names=names), className="data-verdict")]
    if stored.get("cancelled"):
        return [html.P(t("ui.data.cancelled", lang, names=names),
                       className="data-verdict cancelled")]
    if stored.get("too_big"):
        big = stored["too_big"]
        return [html.P(t("ui.data.too_big", lang, names=names, size=megabytes(big["size"]),
                         limit=megabytes(big["limit"])), className="data-verdict error")]
    problems = _problems(stored)
    if len(problems) == 1 and problems[0].key in REFUSALS:
        # the server's refusal, not a fault in the files: the message is the whole report
        return [html.P(f"{names}: {problems[0].message(lang)}", className="data-verdict error")]
    # errors first, then warnings, then notes (such as "… and 120 more")
    listed = sorted(problems, key=lambda p: _ORDER.get(p.severity, len(_ORDER)))
    n_errors, n_warnings = stored.get("errors", 0), stored.get("warnings", 0)
    out: list = []
    if stored.get("key"):
        s = stored["summary"]
        valid = "ui.data.valid" if s.get("dated", True) else "ui.data.valid_undated"
        out.append(html.P(t(valid, lang, names=names, **s), className="data-verdict ok"))
        if n_warnings:
            out.append(html.P(_count("ui.data.warning", "ui.data.warnings", n_warnings, lang),
                              className="help"))
    else:
        out.append(html.P(t("ui.data.invalid", lang, names=names,
                            errors=_count("ui.data.error", "ui.data.errors", n_errors, lang)),
                          className="data-verdict error"))
    if problems:
        head = html.Tr([html.Th(t(f"ui.data.col.{c}", lang), scope="col")
                        for c in ("severity", "where", "row", "column", "message")])
        rows = [html.Tr([
            html.Td(t(f"severity.{p.severity}", lang), className=f"sev-{p.severity}"),
            html.Td(p.table), html.Td("" if p.row is None else str(p.row)),
            html.Td(p.column or ""), html.Td(p.message(lang)),
        ]) for p in listed]
        out.append(html.Div(html.Table([html.Thead(head), html.Tbody(rows)],
                                       className="problem-table"), className="table-scroll"))
    assumed = stored.get("assumed") or []
    if assumed:
        out.append(html.H4(t("ui.data.assumed", lang)))
        out.append(html.Ul([html.Li(t(key, lang, **dict(params))) for key, params in assumed]))
    return out
