"""Plots with matplotlib (the ``plot`` extra): an edge above the core.

It draws what the model and the coaching compute, imports matplotlib only
when a plot is drawn, and takes its colours from `backsafe.display`.
"""
