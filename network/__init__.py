"""Redes' domain: the data package, its validation, views, metrics and breakdowns.

Pure Python on pandas and networkx (plus igraph for speed). It never imports Dash, so it
can be used from a notebook, a script or the command line as well as from the app.
"""

from network.loading import LoadResult, load
from network.model.dataset import Dataset
from network.view.state import Filters, ViewState

__all__ = ["Dataset", "Filters", "LoadResult", "ViewState", "load"]
