"""The English and Spanish messages of uploads: problems, and what was assumed for Kumu,
GraphML and GEXF files.

Importing this module registers them in :mod:`network.text.catalogue`; the readers only
name their keys. The texts are kept as they were written with the upload reader.
"""

from __future__ import annotations

from network.text.catalogue import register

_FORMATS_EN = "a ZIP data package, an XLSX workbook, CSV files, or a GraphML or GEXF file"
_FORMATS_ES = "un paquete de datos ZIP, un libro XLSX, archivos CSV o un archivo GraphML o GEXF"

register({
    "upload.no_files": (
        f"Nothing was uploaded: choose {_FORMATS_EN}.",
        f"No se subió nada: elija {_FORMATS_ES}.",
    ),
    "upload.internal": (
        "The upload could not be processed ({detail}). This is a fault in Redes, not in your "
        "file; please report it.",
        "No se pudo procesar lo subido ({detail}). Es una falla de Redes, no de su archivo; "
        "por favor, avísenos.",
    ),
    "upload.too_big": (
        "The upload is {size} MB, more than the limit of {limit} MB: split the data or "
        "remove what the explorer does not need.",
        "Lo subido pesa {size} MB, más que el límite de {limit} MB: divida los datos o quite "
        "lo que el explorador no necesita.",
    ),
    "upload.too_many_files": (
        "{count} files were uploaded; at most {limit} are accepted.",
        "Se subieron {count} archivos; se aceptan como máximo {limit}.",
    ),
    "upload.empty_file": (
        "The file is empty (0 bytes): export it again from your spreadsheet program.",
        "El archivo está vacío (0 bytes): expórtelo de nuevo desde su hoja de cálculo.",
    ),
    "upload.wrong_type": (
        f"This is a {{found}} file, not a data file: upload {_FORMATS_EN}.",
        f"Este es un archivo {{found}}, no un archivo de datos: suba {_FORMATS_ES}.",
    ),
    "upload.binary": (
        f"The file holds binary data, not text: upload {_FORMATS_EN}.",
        f"El archivo contiene datos binarios, no texto: suba {_FORMATS_ES}.",
    ),
    "upload.utf16": (
        "The file is UTF-16 text (Excel's “Unicode text”): save it as “CSV UTF-8 (comma "
        "delimited)” and upload it again.",
        "El archivo es texto UTF-16 (el «texto Unicode» de Excel): guárdelo como «CSV UTF-8 "
        "(delimitado por comas)» y súbalo de nuevo.",
    ),
    "upload.save_as_xlsx": (
        "This is an {found} file: open it in your spreadsheet program and save it as an Excel "
        "workbook (.xlsx) without a password.",
        "Este es un archivo {found}: ábralo en su hoja de cálculo y guárdelo como libro de "
        "Excel (.xlsx) sin contraseña.",
    ),
    "upload.not_a_workbook": (
        "The file is a ZIP archive but not an Excel workbook: save it again as .xlsx from "
        "your spreadsheet program (or name it .zip if it is a data package).",
        "El archivo es un ZIP pero no un libro de Excel: guárdelo de nuevo como .xlsx desde "
        "su hoja de cálculo (o llámelo .zip si es un paquete de datos).",
    ),
    "upload.mixed_files": (
        "Upload one ZIP, one XLSX workbook, one GraphML or GEXF file, or CSV files, not a "
        "mix: “{name}” does not go with the other files.",
        "Suba un ZIP, un libro XLSX, un archivo GraphML o GEXF, o archivos CSV, sin "
        "mezclarlos: “{name}” no va con los demás archivos.",
    ),
    "upload.unknown_format": (
        f"The kind of file is not recognised: upload {_FORMATS_EN}.",
        f"No se reconoce el tipo de archivo: suba {_FORMATS_ES}.",
    ),
    "upload.unknown_file": (
        "The file name is not one of the tables ({tables}), so the file is ignored: name it "
        "like the table it holds.",
        "El nombre del archivo no es el de una tabla ({tables}), así que se ignora: llámelo "
        "como la tabla que contiene.",
    ),
    "upload.duplicate_table": (
        "The table “{table}” is given twice (“{first}” and “{second}”); keep only one.",
        "La tabla “{table}” viene dos veces (“{first}” y “{second}”); deje solo una.",
    ),
    "upload.zip_corrupt": (
        "The ZIP archive is damaged or incomplete (perhaps the upload was cut off): make it "
        "again and upload it.",
        "El archivo ZIP está dañado o incompleto (quizá la subida se cortó): créelo de nuevo "
        "y súbalo.",
    ),
    "upload.zip_encrypted": (
        "The ZIP archive is protected by a password: make it again without one.",
        "El archivo ZIP está protegido con contraseña: créelo de nuevo sin contraseña.",
    ),
    "upload.zip_unsafe_path": (
        "The archive holds a file whose path leads outside it (“{value}”), so it was not "
        "opened: make the archive again from the folder of CSV files.",
        "El archivo comprimido contiene un archivo cuya ruta sale de él (“{value}”), así que "
        "no se abrió: créelo de nuevo a partir de la carpeta de archivos CSV.",
    ),
    "upload.zip_too_large": (
        "The archive unpacks to {size} MB, more than the limit of {limit} MB, so it was not "
        "opened.",
        "El archivo comprimido se descomprime en {size} MB, más que el límite de {limit} MB, "
        "así que no se abrió.",
    ),
    "upload.zip_bomb": (
        "“{value}” in the archive is packed {ratio} times smaller than its content, far more "
        "than real data ({limit} times at most), so the archive was not opened (it may be a "
        "ZIP bomb).",
        "“{value}” está comprimido {ratio} veces, mucho más que los datos reales ({limit} "
        "veces como máximo), así que el archivo no se abrió (puede ser una bomba ZIP).",
    ),
    "upload.zip_too_many_files": (
        "The archive holds {count} files; at most {limit} are accepted.",
        "El archivo comprimido contiene {count} archivos; se aceptan como máximo {limit}.",
    ),
    "upload.zip_no_tables": (
        "The ZIP archive holds no table files: put actors.csv, ties.csv and the other tables "
        "at its top level or in one folder.",
        "El ZIP no contiene archivos de tablas: ponga actors.csv, ties.csv y las demás tablas "
        "en su primer nivel o en una carpeta.",
    ),
    "upload.bad_datapackage": (
        "datapackage.json could not be read and is ignored; the title is taken from the file "
        "name.",
        "No se pudo leer datapackage.json y se ignora; el título se toma del nombre del "
        "archivo.",
    ),
    "upload.xlsx_unreadable": (
        "The workbook could not be read ({detail}): open it in your spreadsheet program, save "
        "it again as .xlsx and upload it.",
        "No se pudo leer el libro ({detail}): ábralo en su hoja de cálculo, guárdelo de nuevo "
        "como .xlsx y súbalo.",
    ),
    "upload.xlsx_no_tables": (
        "The workbook has none of the expected sheets (it has: {sheets}). Use the template, "
        "with one sheet per table ({tables}), or a Kumu workbook with Elements and "
        "Connections sheets.",
        "El libro no tiene ninguna de las hojas esperadas (tiene: {sheets}). Use la "
        "plantilla, con una hoja por tabla ({tables}), o un libro de Kumu con las hojas "
        "Elements y Connections.",
    ),
    "upload.formulas_as_values": (
        "{count} cell(s) hold formulas: the values your spreadsheet program saved were used "
        "(formulas are never calculated here).",
        "{count} celda(s) contienen fórmulas: se usaron los valores que guardó su hoja de "
        "cálculo (aquí nunca se calculan fórmulas).",
    ),
    "upload.formula_no_value": (
        "The cell holds a formula with no saved value, so it was read as empty: type the "
        "value, or open the file in a spreadsheet program and save it.",
        "La celda tiene una fórmula sin valor guardado, así que se leyó vacía: escriba el "
        "valor, o abra el archivo en una hoja de cálculo y guárdelo.",
    ),
    "upload.too_many_rows": (
        "The table has more than {limit} rows, the most accepted: split the data set or "
        "remove rows.",
        "La tabla tiene más de {limit} filas, el máximo aceptado: divida el conjunto de datos "
        "o quite filas.",
    ),
    "upload.too_many_columns": (
        "The table has {count} columns, more than the {limit} accepted: keep only the "
        "columns of the template.",
        "La tabla tiene {count} columnas, más que las {limit} aceptadas: deje solo las "
        "columnas de la plantilla.",
    ),
    "upload.more_problems": (
        "… and {count} more problem(s) of the same kinds, not listed: fix those above and "
        "upload again.",
        "… y {count} problema(s) más de los mismos tipos, sin listar: corrija los de arriba "
        "y vuelva a subir.",
    ),
    "upload.no_discourses": (
        "No discourses were given; the explorer works without them.",
        "No se dieron discursos; el explorador funciona sin ellos.",
    ),
    "upload.no_endorsements": (
        "No actor is linked to a discourse; the explorer works without these links.",
        "Ningún actor está vinculado a un discurso; el explorador funciona sin estos "
        "vínculos.",
    ),
    "upload.only_headers": (
        "The tables have only their headers: fill in at least sources, networks, actors and "
        "ties, one row per item.",
        "Las tablas solo tienen sus cabeceras: complete al menos sources, networks, actors y "
        "ties, una fila por elemento.",
    ),
    "upload.kumu_missing_sheet": (
        "The Kumu workbook has no “{sheet}” sheet: add it (one row per connection, with From "
        "and To columns).",
        "El libro de Kumu no tiene la hoja “{sheet}”: agréguela (una fila por conexión, con "
        "las columnas From y To).",
    ),
    "upload.xml_invalid": (
        "The file is not well-formed XML (line {line}: {detail}): export it again from your "
        "network program.",
        "El archivo no es XML bien formado (línea {line}: {detail}): expórtelo de nuevo "
        "desde su programa de redes.",
    ),
    "upload.xml_entities": (
        "The file declares a DTD or entities, which are not accepted (they can hide a bomb or "
        "read other files): export it again without them.",
        "El archivo declara un DTD o entidades, que no se aceptan (pueden esconder una bomba o "
        "leer otros archivos): expórtelo de nuevo sin ellos.",
    ),
    "upload.graph_node_without_id": (
        "The node has no id, so its edges cannot be matched to it: give every node an id.",
        "El nodo no tiene id, así que sus aristas no se le pueden asignar: dé un id a cada "
        "nodo.",
    ),
    "upload.kumu_element_without_label": (
        "The element has no Label (Kumu's name for it): give every element a label.",
        "El elemento no tiene Label (su nombre en Kumu): dé una etiqueta a cada elemento.",
    ),
    "upload.duplicate_node": (
        "“{value}” is given more than once (also in row {other}); every node needs its own "
        "id.",
        "“{value}” aparece más de una vez (también en la fila {other}); cada nodo necesita "
        "su propio id.",
    ),
    "upload.edge_without_end": (
        "The tie is missing one of its ends: give both the actor it starts from and the one "
        "it goes to.",
        "Al vínculo le falta uno de sus extremos: indique el actor de origen y el de destino.",
    ),
    "upload.unknown_node": (
        "“{value}” is not one of the nodes (elements) in the file: check its spelling, or add "
        "it.",
        "“{value}” no es uno de los nodos (elementos) del archivo: revise cómo está escrito, "
        "o agréguelo.",
    ),
    "upload.graph_empty": (
        "The file has no nodes: a network needs actors and ties.",
        "El archivo no tiene nodos: una red necesita actores y vínculos.",
    ),
    "upload.graph_no_edges": (
        "The file has no edges (connections): a network needs at least one tie.",
        "El archivo no tiene aristas (conexiones): una red necesita al menos un vínculo.",
    ),
    "upload.ignored_attributes": (
        "These attributes are not part of the schema and were ignored: {names}.",
        "Estos atributos no forman parte del esquema y se ignoraron: {names}.",
    ),
    # --- what was assumed for Kumu, GraphML and GEXF ------------------------------------
    "upload.assumed.source": (
        "Every row cites one new source, {source}: the uploaded file “{file}”.",
        "Cada fila cita una fuente nueva, {source}: el archivo subido “{file}”.",
    ),
    "upload.assumed.ids": (
        "{count} id(s) were rewritten with lower-case letters, digits and _ only (e.g. "
        "“{example}” became “{slug}”).",
        "{count} id(s) se reescribieron solo con minúsculas, dígitos y _ (p. ej. “{example}” "
        "pasó a ser “{slug}”).",
    ),
    "upload.assumed.names": (
        "{count} node(s) had no label: their id is used as their name.",
        "{count} nodo(s) no tenían etiqueta: su id se usa como nombre.",
    ),
    "upload.assumed.actor_field": (
        "{column}: {count} of {total} actor(s) had no recognised value{found}; “{value}” was "
        "used.",
        "{column}: {count} de {total} actor(es) no tenían un valor reconocido{found}; se usó "
        "“{value}”.",
    ),
    "upload.assumed.sector": (
        "sector: {count} actor(s) got their sector from their kind (NGOs, networks, funders "
        "and projects: civil_society; associations, SMEs and platforms: market; agencies: "
        "state).",
        "sector: {count} actor(es) recibieron el sector según su tipo (ONG, redes, "
        "financiadores y proyectos: civil_society; asociaciones, pymes y plataformas: market; "
        "agencias: state).",
    ),
    "upload.assumed.description": (
        "{count} actor(s) had no description: “Imported from {file}” is used.",
        "{count} actor(es) no tenían descripción: se usa “Importado de {file}”.",
    ),
    "upload.assumed.description_es": (
        "{count} actor(s) had a description but none in Spanish: the same text is used in "
        "both languages.",
        "{count} actor(es) tenían descripción pero no en castellano: se usa el mismo texto "
        "en ambos idiomas.",
    ),
    "upload.assumed.tie_field": (
        "{column}: {count} of {total} tie(s) had no recognised value{found}; “{value}” was "
        "used.",
        "{column}: {count} de {total} vínculo(s) no tenían un valor reconocido{found}; se usó "
        "“{value}”.",
    ),
    "upload.assumed.tie_years": (
        "from_year: {count} of {total} tie(s) had no start year; each starts when both its "
        "actors are there.",
        "from_year: {count} de {total} vínculo(s) no tenían año de inicio; cada uno empieza "
        "cuando ambos actores existen.",
    ),
    "upload.assumed.network": (
        "All ties belong to one network, “{name}”, of the domain {domain}.",
        "Todos los vínculos pertenecen a una red, “{name}”, del dominio {domain}.",
    ),
    "upload.assumed.networks": (
        "The {count} network(s) were made from the ties' network values; their domain is "
        "{domain}.",
        "Las {count} red(es) se crearon a partir de los valores de red de los vínculos; su "
        "dominio es {domain}.",
    ),
    "upload.assumed.undirected": (
        "{count} edge(s) have no direction: each was read as a tie from its first node to its "
        "second.",
        "{count} arista(s) no tienen dirección: cada una se leyó como un vínculo de su primer "
        "nodo al segundo.",
    ),
    "upload.assumed.no_discourses": (
        "The file has no discourses, so the discourse tables are empty.",
        "El archivo no tiene discursos, así que las tablas de discursos están vacías.",
    ),
    "upload.assumed.nodes_from_edges": (
        "There is no Elements sheet: the {count} actor(s) were made from the names in From and "
        "To.",
        "No hay hoja Elements: los {count} actor(es) se crearon a partir de los nombres en "
        "From y To.",
    ),
})
