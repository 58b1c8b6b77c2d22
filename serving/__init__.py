"""The server side of data sets: the store (Redis or a folder) shared by workers, the library
of uploaded data sets, and their caches. Imports the domain; the domain never imports it.
"""
