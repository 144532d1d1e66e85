"""Render backsafe's everyday tasks in the docs, straight from the data.

Two directives, so the daily-life page can never drift from the data file
or from the spine model:

- ``task-table``: one row per task, its usual and back-friendlier ways and
  how much less the model puts on the spine, for a reference body;
- ``task-entries``: every task's ways, scored for the same body, with the
  lifting index where the way is a lift, the reason of each swap, the cues
  and where every number comes from.
"""

# A Sphinx extension on sys.path, not a package.
# ruff: noqa: INP001

from importlib.resources import files
from typing import Any, ClassVar

from backsafe_catalog import _paragraph, _table
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import backsafe as bs
from backsafe.display._html_daily import (
    lifting_index_text,
    way_compression_text,
)


class _TaskDirective(SphinxDirective):
    option_spec: ClassVar[dict[str, Any]] = {
        "mass-kg": directives.positive_int,
        "height-cm": directives.positive_int,
    }

    def body(self) -> bs.Body:
        data = files("backsafe.daily").joinpath("_data", "tasks.toml")
        self.env.note_dependency(str(data))
        return bs.Body(
            mass_kg=self.options.get("mass-kg", 80),
            height_m=self.options.get("height-cm", 178) / 100,
        )


class TaskTable(_TaskDirective):
    """The tasks as one table: the usual way against the friendlier one."""

    def run(self) -> list[nodes.Node]:
        """Build the table."""
        body = self.body()
        rows: list[list[nodes.Node | str]] = []
        for task in bs.tasks:
            scored = bs.score_task(task, body)
            usual, easier = scored.usual_score, scored.friendlier_score
            rows.append(
                [
                    nodes.literal(text=task.slug),
                    task.name,
                    f"{usual.name}: {way_compression_text(usual)}",
                    f"{easier.name}: {way_compression_text(easier)}",
                    f"{scored.relative_reduction:.0%}"
                    if usual.graded and easier.graded
                    else "not graded",
                ]
            )
        return [
            _table(
                [16, 18, 26, 26, 6],
                ["slug", "task", "usual way", "back-friendlier way", "less"],
                rows,
            )
        ]


class TaskEntries(_TaskDirective):
    """Every task's ways, scored, with the swaps and the sources."""

    def run(self) -> list[nodes.Node]:
        """Build one section of rubric, table and lists per task."""
        body = self.body()
        found: list[nodes.Node] = []
        for task in bs.tasks:
            scored = bs.score_task(task, body)
            found.append(
                nodes.rubric(text=task.name, ids=[f"task-{task.slug}"])
            )
            found.append(
                _paragraph(nodes.literal(text=task.slug), f": {task.summary}")
            )
            roles = {task.usual: "usual", task.friendlier: "friendlier"}
            rows: list[list[nodes.Node | str]] = [
                [
                    w.name,
                    roles.get(w.way, ""),
                    ", ".join(
                        f"{p.lean.degrees:g}°"
                        for p in task.way(w.way).postures
                    ),
                    way_compression_text(w),
                    w.peak.level.value,
                    lifting_index_text(w),
                ]
                for w in scored.ways
            ]
            found.append(
                _table(
                    [24, 10, 8, 16, 8, 18],
                    ["way", "", "lean", "peak L4/L5", "grade", "lifting"],
                    rows,
                )
            )
            swaps = bs.task_swaps(task, body)
            items = nodes.bullet_list()
            for swap in swaps:
                item = nodes.list_item()
                item += _paragraph(
                    nodes.strong(text=f"{swap.way.name}: "), swap.reason
                )
                items += item
            if not swaps:
                item = nodes.list_item()
                item += _paragraph(
                    "No graded way scores below the usual one for this"
                    " body, so nothing is ranked."
                )
                items += item
            found.append(_paragraph(nodes.strong(text="Swaps:")))
            found.append(items)
            details = nodes.bullet_list()
            for way in task.ways:
                item = nodes.list_item()
                text = " ".join(way.cues)
                if way.caveat:
                    text += f" Note: {way.caveat}"
                item += _paragraph(
                    nodes.strong(text=f"{way.name}. "),
                    text,
                    nodes.emphasis(text=f" Numbers: {way.basis}"),
                )
                details += item
            found.append(details)
        return found


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("task-table", TaskTable)
    app.add_directive("task-entries", TaskEntries)
    return {"version": "1", "parallel_read_safe": True}
