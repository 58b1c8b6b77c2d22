"""What the domain computes from a view: the metrics registry, key actors and breakdowns,
collaborators, discourse coalitions, and the frame that derives them all for one view state.

May import: :mod:`network.model`, :mod:`network.view`, :mod:`network.layout`, :mod:`network.text`.
"""
