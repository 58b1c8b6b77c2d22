"""Where things are drawn: stable positions per arrangement and the discourse picture's
geometry. Pure geometry on networkx; knows nothing of screens or Cytoscape.

May import: :mod:`network.model`.
"""
