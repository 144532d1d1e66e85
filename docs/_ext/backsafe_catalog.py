"""Render backsafe's built-in catalog in the docs, straight from the data.

Two directives, so the catalog page can never drift from the TOML file:

- ``catalog-table``: one row per exercise with its pattern, stance, tier,
  typical lean, leg share and spinal load for a reference body, without a
  load and with a reference load.
- ``catalog-entries``: every exercise's muscles, equipment, flags, ladder
  links, cues, cautions and sources.
"""

# A Sphinx extension on sys.path, not a package.
# ruff: noqa: INP001

from importlib.resources import files
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import backsafe as bs


def _paragraph(*parts: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def _row(cells: list[nodes.Node | str], *, header: bool = False) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += _paragraph(cell) if isinstance(cell, str) else cell
        row += entry
    if header:
        row["classes"].append("header")
    return row


def _table(
    widths: list[int], header: list[str], rows: list[list[nodes.Node | str]]
) -> nodes.table:
    table = nodes.table(classes=["catalog-table"])
    group = nodes.tgroup(cols=len(widths))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(list(header), header=True)
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    return table


class _CatalogDirective(SphinxDirective):
    def note_data(self) -> None:
        data = files("backsafe").joinpath("_data", "exercises.toml")
        self.env.note_dependency(str(data))


class CatalogTable(_CatalogDirective):
    """The catalog as one table."""

    option_spec: ClassVar[dict[str, Any]] = {
        "mass-kg": directives.positive_int,
        "height-cm": directives.positive_int,
        "load-kg": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        """Build the table."""
        self.note_data()
        mass = self.options.get("mass-kg", 80)
        height = self.options.get("height-cm", 178) / 100
        reference = self.options.get("load-kg", 20)
        body = bs.Body(mass_kg=mass, height_m=height)
        rows: list[list[nodes.Node | str]] = []
        for e in bs.catalog:
            bare = bs.score(e, body)
            if e.takes_load:
                loaded = bs.score(e, body, load_kg=reference)
                with_load = (
                    f"{loaded.compression_n:,.0f} ({loaded.level.value})"
                )
            else:
                with_load = "no load"
            lean = (
                f"{e.lean_min.degrees:g}"
                if e.lean_min == e.lean_max
                else f"{e.lean_min.degrees:g}-{e.lean_max.degrees:g}"
            )
            ref = nodes.reference(
                "", "", internal=True, refid=f"exercise-{e.slug}"
            )
            ref += nodes.literal(text=e.slug)
            rows.append(
                [
                    _paragraph(ref),
                    e.pattern.value,
                    e.stance.value,
                    str(e.tier),
                    lean,
                    f"{e.working_leg_share:g}",
                    f"{bare.compression_n:,.0f} ({bare.level.value})",
                    with_load,
                ]
            )
        header = [
            "Exercise",
            "Pattern",
            "Stance",
            "Tier",
            "Lean (°)",
            "Leg share",
            "L4/L5 compression, N",
            f"With {reference} kg, N",
        ]
        return [_table([24, 12, 10, 5, 8, 7, 14, 14], header, rows)]


class CatalogEntries(_CatalogDirective):
    """Every exercise's details, one rubric each."""

    def run(self) -> list[nodes.Node]:
        """Build one rubric and one list per exercise."""
        self.note_data()
        found: list[nodes.Node] = []
        for e in bs.catalog:
            rubric = nodes.rubric(text=e.name, ids=[f"exercise-{e.slug}"])
            found.append(rubric)
            fields = nodes.bullet_list()
            for label, value in _details(e):
                item = nodes.list_item()
                item += _paragraph(nodes.strong(text=f"{label}: "), value)
                fields += item
            found.append(fields)
        return found


def _names(values: Any) -> str:
    return ", ".join(sorted(str(v) for v in values)) or "none"


def _details(e: bs.Exercise) -> list[tuple[str, str]]:
    rows = [
        ("Slug", e.slug),
        ("Also called", ", ".join(e.aliases) or "none"),
        ("Primary muscles", _names(e.primary_muscles)),
        ("Secondary muscles", _names(e.secondary_muscles)),
        ("Equipment", _names(e.equipment)),
        ("Load", e.placement.value),
        ("Support", e.support.value),
        ("Flags", _names(e.flags)),
        ("Dosed as", _names(e.modes)),
        ("Easier", ", ".join(e.easier) or "none"),
        ("Harder", ", ".join(e.harder) or "none"),
    ]
    if e.takes_load:
        rows.append(("Load step", f"{e.load_step_kg:g} kg"))
    if e.task is not None:
        rows.append(("Calibrated task", e.task.value))
    rows += [("Cue", cue) for cue in e.cues]
    rows += [("Caution", caution) for caution in e.cautions]
    rows += [("Source", source) for source in e.sources]
    return rows


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("catalog-table", CatalogTable)
    app.add_directive("catalog-entries", CatalogEntries)
    return {"version": "1", "parallel_read_safe": True}
