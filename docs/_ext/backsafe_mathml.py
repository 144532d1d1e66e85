"""Render the equations as MathML at build time, for offline readers.

Sphinx's default math renderer loads MathJax from a CDN, which a reader
without network access does not reach. This renderer converts each
equation to MathML with ``latex2mathml`` (pure Python, from PyPI) when
the pages are built; browsers display MathML natively, so the pages need
no script and no network.
"""

# ruff: noqa: INP001
from typing import Any

from docutils import nodes
from latex2mathml.converter import convert


def _inline(self: Any, node: nodes.Element) -> None:
    self.body.append(convert(node.astext(), display="inline"))
    raise nodes.SkipNode


def _block(self: Any, node: nodes.Element) -> None:
    self.body.append(
        '<div class="math-wrapper docutils container">'
        + convert(node.astext(), display="block")
        + "</div>\n"
    )
    raise nodes.SkipNode


def setup(app: Any) -> dict[str, Any]:
    """Register the MathML renderer; docs/conf.py selects it."""
    app.add_html_math_renderer("mathml", (_inline, None), (_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
