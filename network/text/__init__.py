"""Words: the translation catalogue and text helpers (accent-insensitive folding).

May import: the standard library only. Every other package may import it.
"""
