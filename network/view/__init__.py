"""What one view shows: the view state (filters, year, selection), the visible sub-graph by
year and filters, links that reopen a view, and the prepared scenes of the tour.

May import: :mod:`network.model`, :mod:`network.text`.
"""
