"""The interface's strings, added to the one translation catalogue in ``network.text.catalogue``."""

from __future__ import annotations

from network.text import catalogue as i18n

UI: dict[str, tuple[str, str]] = {
    "app.title": ("Redes", "Redes"),
    "app.tagline": (
        "Networks of NGOs, small businesses and government agencies for sustainable business in "
        "Peru",
        "Redes de ONG, pequeñas empresas y agencias del Estado por negocios sostenibles en el Perú",
    ),
    "ui.language": ("Language", "Idioma"),
    "ui.levels": ("Platform level", "Nivel de plataforma"),
    "ui.levels.help": (
        "Where an organisation works: from local markets to global federations.",
        "Dónde trabaja una organización: de mercados locales a federaciones mundiales.",
    ),
    "ui.domains": ("Domain", "Ámbito"),
    "ui.networks": ("Network", "Red"),
    "ui.networks.all": ("All {n} networks", "Las {n} redes"),
    "ui.networks.one": ("The one network", "La única red"),
    "ui.sectors": ("Sector", "Sector"),
    "ui.ngo_types": ("NGO type", "Tipo de ONG"),
    "ui.certainty": ("Facts shown", "Hechos mostrados"),
    "ui.certainty.help": (
        "Untick “our inference” to see only what the thesis or a public source says.",
        "Desmarque “nuestra inferencia” para ver solo lo que dice la tesis o una fuente pública.",
    ),
    "ui.year": ("Year", "Año"),
    "ui.play": ("▶ Play the years", "▶ Reproducir los años"),
    "ui.pause": ("❚❚ Pause", "❚❚ Pausa"),  # ⏸ is missing from common fonts (DejaVu)
    "ui.metric": ("Key actors by", "Actores clave según"),
    "ui.colour": ("Colour by", "Color según"),
    "ui.colour.ngo_type": ("NGO type", "Tipo de ONG"),
    "ui.colour.kind": ("Kind of organisation", "Tipo de organización"),
    "ui.colour.sector": ("Sector", "Sector"),
    "ui.colour.level": ("Platform level", "Nivel de plataforma"),
    "ui.layout": ("Arrangement", "Disposición"),
    "ui.layout.force": ("By ties", "Por vínculos"),
    "ui.layout.levels": ("In level bands", "En franjas por nivel"),
    "ui.search": ("Find an organisation", "Buscar una organización"),
    "ui.search.placeholder": ("Type part of a name, e.g. ecologica", "Nombre, p. ej. ecologica"),
    "ui.search.none": (
        "No organisation matches “{q}”.",
        "Ninguna organización coincide con “{q}”.",
    ),
    "ui.filters": ("Filters", "Filtros"),
    "ui.reset": ("Reset the view", "Restablecer la vista"),
    "ui.share": ("Link to this view", "Enlace a esta vista"),
    "ui.share.help": (
        "Copy the address bar, or this link: it reopens exactly this view.",
        "Copie la barra de direcciones o este enlace: abre exactamente esta vista.",
    ),
    "ui.empty": (
        "Nothing to show for these filters in {year}. Try another year, or tick more levels or "
        "types.",
        "No hay nada que mostrar con estos filtros en {year}. Pruebe otro año o marque más "
        "niveles o tipos.",
    ),
    "ui.summary": (
        "{year}: {actors} actors and {ties} ties in view.",
        "{year}: {actors} actores y {ties} vínculos a la vista.",
    ),
    "ui.summary_range": (
        "{start}–{year}: {actors} actors and {ties} ties in view.",
        "{start}–{year}: {actors} actores y {ties} vínculos a la vista.",
    ),
    "ui.legend": ("Legend", "Leyenda"),
    "ui.legend.shapes": ("Shape: sector", "Forma: sector"),
    "ui.legend.inferred": ("dashed: our inference", "discontinuo: nuestra inferencia"),
    "ui.legend.group": (
        "double border: group of unnamed members (count)",
        "borde doble: grupo de miembros sin nombre (número)",
    ),
    "ui.legend.size": (
        "size: the chosen key-actor measure",
        "tamaño: la medida de actor clave elegida",
    ),
    "ui.key_actors": ("Key actors", "Actores clave"),
    "ui.key_actors.rank": ("#", "#"),
    "ui.key_actors.actor": ("Organisation", "Organización"),
    "ui.key_actors.value": ("Value", "Valor"),
    "ui.key_actors.change": ("vs. year before", "vs. año anterior"),
    "ui.key_actors.new": ("new", "nuevo"),
    "ui.key_actors.up": ("▲ up {n}", "▲ sube {n}"),
    "ui.key_actors.down": ("▼ down {n}", "▼ baja {n}"),
    "ui.key_actors.same": ("= same", "= igual"),
    "ui.key_actors.empty": ("No actors in view.", "No hay actores a la vista."),
    "ui.breakdown": ("Who is in view", "Quién está a la vista"),
    "ui.breakdown.by_level": (
        "{what} by platform level, {year}",
        "{what} por nivel de plataforma, {year}",
    ),
    "ui.breakdown.over_years": ("{what} over the years", "{what} a lo largo de los años"),
    "ui.breakdown.count": ("Organisations", "Organizaciones"),
    "ui.breakdown.ngo_type": ("NGO types", "Tipos de ONG"),
    "ui.breakdown.sector": ("Sectors", "Sectores"),
    "ui.details": ("Organisation", "Organización"),
    "ui.details.hint": (
        "Click an organisation in the network or the table to see its profile, ties and sources.",
        "Haga clic en una organización de la red o de la tabla para ver su perfil, vínculos y "
        "fuentes.",
    ),
    "ui.details.kind": ("Kind", "Tipo"),
    "ui.details.ngo_type": ("NGO type", "Tipo de ONG"),
    "ui.details.sector": ("Sector", "Sector"),
    "ui.details.level": ("Platform level", "Nivel de plataforma"),
    "ui.details.domains": ("Domains", "Ámbitos"),
    "ui.details.city": ("Based in", "Sede"),
    "ui.details.founded": ("In the data from", "En los datos desde"),
    "ui.details.until": ("until", "hasta"),
    "ui.details.members": ("Members", "Miembros"),
    "ui.details.discourses": ("Discourses", "Discursos"),
    "ui.details.ties": ("Ties", "Vínculos"),
    "ui.details.ties_in_view": ("{n} in view in {year}", "{n} a la vista en {year}"),
    "ui.details.no_ties": ("No ties in view.", "Sin vínculos a la vista."),
    "ui.details.sources": ("Sources", "Fuentes"),
    "ui.details.certainty": ("Certainty", "Certeza"),
    "ui.details.type_facts": ("kind, NGO type and sector", "tipo, tipo de ONG y sector"),
    "ui.graph.loading": ("Drawing the network…", "Dibujando la red…"),
    "ui.key_actors.named": ("named a key actor by the thesis", "actor clave según la tesis"),
    "ui.key_actors.thesis": (
        "The thesis names {n} key actors that coordinate the platforms and channel resources "
        "(S0); their rank by this measure here: {ranked}.",
        "La tesis nombra {n} actores clave que coordinan las plataformas y canalizan recursos "
        "(S0); su puesto según esta medida aquí: {ranked}.",
    ),
    "ui.key_actors.thesis_absent": ("Not in this view: {names}.", "Fuera de esta vista: {names}."),
    "ui.details.thesis": ("In the thesis", "En la tesis"),
    "ui.details.thesis.key": (
        "one of the key actors that coordinate the platforms and channel resources",
        "uno de los actores clave que coordinan las plataformas y canalizan recursos",
    ),
    "ui.details.thesis.central": ("a main or central actor in {where}",
                                  "un actor principal o central en {where}"),
    "ui.undated": ("Organisations and ties with no known year",
                   "Organizaciones y vínculos sin año conocido"),
    "ui.undated.fieldwork": ("shown from 2006 (the thesis's fieldwork)",
                             "mostrados desde 2006 (trabajo de campo de la tesis)"),
    "ui.undated.always": ("shown in every year", "mostrados en todos los años"),
    "ui.undated.hidden": ("hidden", "ocultos"),
    "ui.undated.help": (
        "No public source gives their founding year; they are drawn with a dotted outline "
        "when shown.",
        "Ninguna fuente pública da su año de fundación; se dibujan con un contorno punteado "
        "cuando se muestran.",
    ),
    "ui.dating": (
        "{backed} of {actors} organisations shown have a founding year from the thesis or a "
        "public source, {inferred} an inferred one, {unknown} none ({unknown_mode}). "
        "{ties_dated} of {ties} ties have a year of their own.",
        "{backed} de {actors} organizaciones mostradas tienen un año de fundación de la tesis "
        "o de una fuente pública, {inferred} uno inferido, {unknown} ninguno "
        "({unknown_mode}). {ties_dated} de {ties} vínculos tienen un año propio.",
    ),
    "ui.breakdown.undated": ("founding year unknown", "año de fundación desconocido"),
    "ui.dating.fieldwork": ("shown from 2006, the thesis's fieldwork",
                            "mostradas desde 2006, el trabajo de campo de la tesis"),
    "ui.dating.always": ("shown in every year", "mostradas en todos los años"),
    "ui.dating.hidden": ("hidden", "ocultas"),
    "ui.details.year_unknown": ("year not known", "año no conocido"),
    "ui.legend.undated": ("dotted: year unknown", "punteado: año desconocido"),
    "ui.details.note": ("Note", "Nota"),
    "ui.details.note.en": ("Note (in English)", "Nota (en inglés)"),
    "ui.details.not_in_view": (
        "Not in view with the current year and filters.",
        "No está a la vista con el año y los filtros actuales.",
    ),
    "ui.details.close": ("Clear selection", "Quitar selección"),
    "ui.details.from": ("from {year}", "desde {year}"),
    "ui.provenance": ("Data, sources and licence", "Datos, fuentes y licencia"),
    "ui.provenance.intro": (
        "Compiled from the thesis summary (S0) and the public sources below. Each actor, tie and "
        "endorsement names its sources and says whether the thesis states it, a public source "
        "says it, or it is our inference.",
        "Compilado a partir del resumen de la tesis (S0) y las fuentes públicas de abajo. Cada "
        "actor, "
        "vínculo y adhesión indica sus fuentes y si lo afirma la tesis, una fuente pública o es "
        "nuestra inferencia.",
    ),
    "ui.provenance.own": (
        "Uploaded by a user of this server. Redes checked its form (every table, id, year and "
        "reference), not its facts: the sources below are those the data names.",
        "Subidos por un usuario de este servidor. Redes revisó su forma (cada tabla, id, año y "
        "referencia), no sus hechos: las fuentes de abajo son las que nombran los datos.",
    ),
    "ui.provenance.licence": ("Licence", "Licencia"),
    "ui.provenance.code": ("Code: MIT licence.", "Código: licencia MIT."),
    "ui.metric.explain": ("What this measures: {text}", "Qué mide: {text}"),
    "ui.hover": (
        "Hover or click an organisation.",
        "Pase el cursor o haga clic sobre una organización.",
    ),
    "ui.graph.label": (
        "Network of organisations; the same content is in the key-actor table and the profile "
        "panel.",
        "Red de organizaciones; el mismo contenido está en la tabla de actores clave y el panel "
        "de perfil.",
    ),
}

i18n.register(UI)
