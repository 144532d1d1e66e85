"""Notebook display: the HTML of every result, drawn from its fields.

A basement room: the core's ``_repr_html_`` methods call these formatters
on use, and the formatters take what they show by duck typing, so this
room imports nothing of backsafe but itself. The plots, which do import
the core, live in `backsafe.plots`.
"""
