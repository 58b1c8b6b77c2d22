"""The data package and its checks: the schema, reading tables, validation, problems, the
loaded :class:`~network.model.dataset.Dataset` and the limits an input may reach.

May import: pandas, the standard library and :mod:`network.text`. Nothing else of the domain.
"""
