"""Batch scoring over arrays and data frames.

An edge: it reads columns, validates rows and chunks; the physics is the
spine model's.
"""
