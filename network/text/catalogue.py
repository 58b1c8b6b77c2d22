"""The translation catalogue: every user-visible string, in English and Spanish.

Keys are dotted names; values are ``(english, spanish)`` pairs with ``str.format``
placeholders. The domain's own messages (validation, explanations) live here as well as
the interface's labels, so that one test can hold that every string has both languages.
"""

from __future__ import annotations

from collections.abc import Iterable

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"

_C: dict[str, tuple[str, str]] = {
    # --- values of enumerated columns --------------------------------------------------
    "level.local": ("Local", "Local"),
    "level.national": ("National", "Nacional"),
    "level.latin_american": ("Latin American", "Latinoamericano"),
    "level.global": ("Global", "Global"),
    "sector.civil_society": ("Civil society", "Sociedad civil"),
    "sector.market": ("Market", "Mercado"),
    "sector.state": ("State", "Estado"),
    "domain.organic_production": ("Organic production", "Producción orgánica"),
    "domain.social_responsibility": (
        "Business social responsibility",
        "Responsabilidad social empresarial",
    ),
    "domain.sustainable_production": ("Sustainable production", "Producción sostenible"),
    "ngo_type.conventional": ("Conventional NGO", "ONG convencional"),
    "ngo_type.producer": ("Producer NGO", "ONG de productores"),
    "ngo_type.market": ("Market NGO", "ONG de mercado"),
    "ngo_type.business": ("Business NGO", "ONG empresarial"),
    "ngo_type.technocratic": ("Technocratic NGO", "ONG tecnocrática"),
    "ngo_type.gongo": ("GONGO (government-organised)", "GONGO (organizada por el Estado)"),
    "ngo_type.none": ("Not an NGO", "No es ONG"),
    "ngo_type.unstated": ("NGO, type not stated (only inferred)",
                          "ONG, tipo no afirmado (solo inferido)"),
    "kind.ngo": ("NGO", "ONG"),
    "kind.ngo_network": ("NGO network", "Red de ONG"),
    "kind.producer_association": ("Producer association", "Asociación de productores"),
    "kind.sme_group": ("SMEs or group of SMEs", "Pymes o grupo de pymes"),
    "kind.business_association": ("Business association", "Gremio empresarial"),
    "kind.government_agency": ("Government agency", "Agencia del gobierno"),
    "kind.intergovernmental_agency": ("Intergovernmental agency", "Agencia intergubernamental"),
    "kind.platform": ("Platform or market", "Plataforma o mercado"),
    "kind.international_network": ("International network", "Red internacional"),
    "kind.funder": ("Funder or cooperation agency", "Financiador o cooperación"),
    "kind.project": ("Project", "Proyecto"),
    "relation.member_of": ("is a member of", "es miembro de"),
    "relation.member_of_group": ("is counted in the group", "se cuenta en el grupo"),
    "relation.coordinates": ("coordinates", "coordina"),
    "relation.collaborates": ("collaborates with", "colabora con"),
    "relation.supplies": ("supplies", "abastece a"),
    "relation.sells_at": ("sells at", "vende en"),
    "relation.funds": ("funds", "financia a"),
    "relation.advises": ("advises", "asesora a"),
    "relation.part_of": ("is part of", "es parte de"),
    "relation.founded": ("founded", "fundó"),
    "certainty.stated": ("stated in the thesis", "según la tesis"),
    "certainty.sourced": ("from a public source", "de una fuente pública"),
    "certainty.inferred": ("our inference", "nuestra inferencia"),
    "certainty.unknown": ("not known", "desconocido"),
    "mother.liberal_market": ("Liberal market", "Mercado liberal"),
    "mother.social_movement": ("Social movement", "Movimiento social"),
    # --- validation messages ----------------------------------------------------------------
    "problem.where": (
        "{table}, row {row}, column “{column}”",
        "{table}, fila {row}, columna “{column}”",
    ),
    "problem.where_row": ("{table}, row {row}", "{table}, fila {row}"),
    "problem.where_column": ("{table}, column “{column}”", "{table}, columna “{column}”"),
    "problem.where_table": ("{table}", "{table}"),
    "severity.error": ("Error", "Error"),
    "severity.warning": ("Warning", "Aviso"),
    "severity.note": ("Note", "Nota"),
    "v.missing_table": (
        "The table is missing: add a file or sheet named “{table}”.",
        "Falta la tabla: agregue un archivo u hoja llamada “{table}”.",
    ),
    "v.unreadable": (
        "The file could not be read: {detail}.",
        "No se pudo leer el archivo: {detail}.",
    ),
    "v.empty_table": (
        "The table has no rows: add at least one row under the header.",
        "La tabla no tiene filas: agregue al menos una fila debajo de la cabecera.",
    ),
    "v.missing_column": (
        "The column is missing: add a column headed “{column}”.",
        "Falta la columna: agregue una columna con la cabecera “{column}”.",
    ),
    "v.unknown_column": (
        "This column is not part of the schema and is ignored (check its spelling).",
        "Esta columna no forma parte del esquema y se ignora (revise cómo está escrita).",
    ),
    "v.required": (
        "This cell is empty but must have a value.",
        "Esta celda está vacía pero debe tener un valor.",
    ),
    "v.not_integer": (
        "“{value}” is not a whole number (write a year like 1998).",
        "“{value}” no es un número entero (escriba un año como 1998).",
    ),
    "v.not_number": ("“{value}” is not a number.", "“{value}” no es un número."),
    "v.not_boolean": (
        "“{value}” must be true or false.",
        "“{value}” debe ser true (verdadero) o false (falso).",
    ),
    "v.not_allowed": (
        "“{value}” is not an allowed value; use one of: {allowed}.",
        "“{value}” no es un valor permitido; use uno de: {allowed}.",
    ),
    "v.pattern": (
        "“{value}” does not have the expected form ({hint}).",
        "“{value}” no tiene la forma esperada ({hint}).",
    ),
    "v.too_small": (
        "{value} is below the minimum of {limit}.",
        "{value} es menor que el mínimo {limit}.",
    ),
    "v.too_large": (
        "{value} is above the maximum of {limit}.",
        "{value} es mayor que el máximo {limit}.",
    ),
    "v.duplicate": (
        "“{value}” appears more than once (also in row {other}); ids must be unique.",
        "“{value}” aparece más de una vez (también en la fila {other}); los id deben ser únicos.",
    ),
    "v.unknown_reference": (
        "“{value}” is not an id in the {ref} table.",
        "“{value}” no es un id de la tabla {ref}.",
    ),
    "v.unknown_source": (
        "Source “{value}” is not in the sources table.",
        "La fuente “{value}” no está en la tabla de fuentes.",
    ),
    "v.years_reversed": (
        "The start year {start} is after the end year {end}.",
        "El año de inicio {start} es posterior al año final {end}.",
    ),
    "v.self_loop": (
        "The tie goes from “{value}” to itself; a tie needs two different actors.",
        "El vínculo va de “{value}” a sí mismo; un vínculo necesita dos actores distintos.",
    ),
    "v.tie_before_actor": (
        "The tie starts in {start}, before “{actor}” appears ({founded}); it is shown from "
        "{founded}.",
        "El vínculo empieza en {start}, antes de que aparezca “{actor}” ({founded}); se muestra "
        "desde {founded}.",
    ),
    "v.tie_after_actor": (
        "The tie holds in {start}, after “{actor}” ends ({end}); it is shown only while both "
        "actors are.",
        "El vínculo sigue en {start}, después de que “{actor}” termina ({end}); se muestra solo "
        "mientras existan ambos actores.",
    ),
    "v.year_empty_not_unknown": (
        "The founding year is empty but founded_certainty is “{value}”; write the year, or "
        "write “unknown” when no source gives it.",
        "El año de fundación está vacío pero founded_certainty es “{value}”; escriba el año, o "
        "“unknown” si ninguna fuente lo da.",
    ),
    "v.year_given_unknown": (
        "founded_certainty is “unknown” but a year ({value}) is given; say how it is known "
        "(stated, sourced, inferred) or leave the year empty.",
        "founded_certainty es “unknown” pero hay un año ({value}); indique cómo se sabe "
        "(stated, sourced, inferred) o deje el año vacío.",
    ),
    "v.thesis_scope": (
        "“{value}” is neither a domain nor a network id.",
        "“{value}” no es el id de un ámbito ni de una red.",
    ),
    "v.thesis_uncited": (
        "What the thesis says of this organisation (thesis_key, thesis_central) must cite the "
        "thesis summary, S0, in evidence.",
        "Lo que la tesis dice de esta organización (thesis_key, thesis_central) debe citar el "
        "resumen de la tesis, S0, en evidence.",
    ),
    "v.isolated_actor": (
        "“{value}” has no ties; it will appear alone.",
        "“{value}” no tiene vínculos; aparecerá aislado.",
    ),
    "v.inferred_without_note": (
        "The row is marked inferred but its note does not say why.",
        "La fila está marcada como inferida pero su nota no explica por qué.",
    ),
    "v.decoded_latin1": (
        "The file is not UTF-8; it was read as Latin-1 (Windows-1252). Check the accents.",
        "El archivo no está en UTF-8; se leyó como Latin-1 (Windows-1252). Revise las tildes.",
    ),
    "v.no_data": (
        "No data package was found at {path}: give a folder of CSV files or an XLSX workbook.",
        "No se encontró un paquete de datos en {path}: indique una carpeta de CSV o un libro XLSX.",
    ),
    "v.summary_ok": ("The data package is valid.", "El paquete de datos es válido."),
    "v.summary": (
        "{errors} error(s) and {warnings} warning(s).",
        "{errors} error(es) y {warnings} aviso(s).",
    ),
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``.

    Unknown languages fall back to English; an unknown key raises ``KeyError`` so that a
    typo fails a test instead of showing a raw key to a user.

    >>> t("level.global", "es")
    'Global'
    """
    en, es = _C[key]
    text = es if lang == "es" else en
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _C


def keys() -> Iterable[str]:
    return _C.keys()


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add interface strings (called once at import by the interface's catalogue)."""
    clash = set(entries) & set(_C)
    if clash:
        raise ValueError(f"catalogue keys defined twice: {sorted(clash)}")
    _C.update(entries)


def pick_language(accept_language: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """Choose ``"es"`` or ``"en"`` from an HTTP ``Accept-Language`` header.

    >>> pick_language("es-PE,es;q=0.9,en;q=0.8")
    'es'
    """
    if not accept_language:
        return default
    best, best_q = default, -1.0
    for part in accept_language.split(","):
        bits = part.strip().split(";")
        tag = bits[0].strip().lower().split("-")[0]
        q = 1.0
        for b in bits[1:]:
            b = b.strip()
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if tag in LANGUAGES and q > best_q:
            best, best_q = tag, q
    return best
