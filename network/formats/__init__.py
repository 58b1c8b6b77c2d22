"""Files in and out: one module per format read (ZIP data package, XLSX, CSV, Kumu, GraphML,
GEXF) or written (the data package, Gephi formats, the template, the evidence pack).

May import: every other domain package. Nothing of the domain imports it back.
"""
