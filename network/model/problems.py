"""Problems found in a data package, each with its place and a plain-language message."""

from __future__ import annotations

from dataclasses import dataclass, field

from network.text.catalogue import t


@dataclass(frozen=True)
class Problem:
    """One fault in the data, located by table, row and column.

    ``row`` is the spreadsheet row number: the header is row 1, so the first data row is
    row 2 (the same number a spreadsheet or a text editor shows).
    """

    severity: str  # "error" blocks loading; "warning" does not; "note" says something else
    table: str
    key: str  # catalogue key of the message
    row: int | None = None
    column: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def where(self, lang: str = "en") -> str:
        table = self.table
        if self.row is not None and self.column:
            return t("problem.where", lang, table=table, row=self.row, column=self.column)
        if self.row is not None:
            return t("problem.where_row", lang, table=table, row=self.row)
        if self.column:
            return t("problem.where_column", lang, table=table, column=self.column)
        return t("problem.where_table", lang, table=table)

    def message(self, lang: str = "en") -> str:
        return t(self.key, lang, **dict(self.params))

    def render(self, lang: str = "en") -> str:
        return f"{t('severity.' + self.severity, lang)}: {self.where(lang)}: {self.message(lang)}"


@dataclass
class Report:
    """All problems of one load, errors and warnings together, in the order found."""

    problems: list[Problem] = field(default_factory=list)
    #: errors and warnings found but not listed (a report lists a few hundred of each)
    unlisted_errors: int = 0
    unlisted_warnings: int = 0

    def add(
        self,
        severity: str,
        table: str,
        key: str,
        row: int | None = None,
        column: str | None = None,
        /,
        **params: object,
    ) -> None:
        # Positional-only, so that messages may take "table" or "column" as params too.
        self.problems.append(Problem(severity, table, key, row, column, tuple(params.items())))

    def error(self, table: str, key: str, row: int | None = None, column: str | None = None,
              /, **params: object) -> None:
        self.add("error", table, key, row, column, **params)

    def warning(self, table: str, key: str, row: int | None = None, column: str | None = None,
                /, **params: object) -> None:
        self.add("warning", table, key, row, column, **params)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def totals(self) -> tuple[int, int]:
        """(errors, warnings) found, listed or not."""
        return (len(self.errors) + self.unlisted_errors,
                len(self.warnings) + self.unlisted_warnings)

    @property
    def ok(self) -> bool:
        return self.totals[0] == 0

    def summary(self, lang: str = "en") -> str:
        if not self.problems:
            return t("v.summary_ok", lang)
        return t("v.summary", lang, errors=len(self.errors), warnings=len(self.warnings))

    def render(self, lang: str = "en") -> str:
        lines = [p.render(lang) for p in self.problems]
        lines.append(self.summary(lang))
        return "\n".join(lines)
