"""Sphinx configuration for backsafe's documentation."""

import os
import sys
from importlib.metadata import version as _version

sys.path.insert(0, os.path.abspath("../src"))  # noqa: PTH100

project = "backsafe"
author = "The backsafe developers"
copyright = "2026, The backsafe developers"
release = _version("backsafe")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]
myst_enable_extensions = [
    "colon_fence",
    "smartquotes",
    "deflist",
    "dollarmath",
]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Intersphinx is left out: the build machines have no internet, and an
# unreachable inventory would fail every -W build.

doctest_global_setup = """
from backsafe import *
import backsafe
"""

html_theme = "furo"
html_title = "backsafe"
