"""Notebook display (HTML) and plots.

An edge: the core calls its formatters lazily, and they take what they show
by duck typing, so this room imports no class of the core.
"""
