"""Exercises: the type, the catalog and its data, swaps and workouts.

Leg stimulus and equal-work swaps live here too. This room imports the
spine model and nothing else of backsafe.
"""
