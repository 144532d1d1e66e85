"""The ``backsafe`` command line.

An edge over the whole library.
"""
