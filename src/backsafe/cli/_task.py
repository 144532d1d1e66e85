"""``backsafe task``: an everyday task, its ways, and the easier ones."""

import argparse
import textwrap
from typing import Any, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import document, emit_json, format_table
from backsafe.display._html import compression_text
from backsafe.display._html_daily import (
    lifting_index_text,
    way_compression_text,
)


def add_parser(sub: Any) -> None:
    """Add the ``task`` command to *sub*."""
    parser = o.add_command(
        sub,
        "task",
        help_text="score the ways of an everyday task and rank the easier"
        " ones",
        examples="  backsafe task                      the everyday tasks\n"
        "  backsafe task tie-shoes --mass 80 --height 1.78\n"
        "  backsafe task lift-box-from-floor --load 15\n"
        "  backsafe task carry-shopping --way one-hand --json",
    )
    parser.add_argument(
        "task", nargs="?", help="a task slug; all tasks if not given"
    )
    parser.add_argument(
        "--way", help="the way you do it now (default: the usual way)"
    )
    parser.add_argument(
        "--load",
        type=o.number,
        metavar="KG",
        help="what is lifted or carried, kg (default: the task's own)",
    )
    o.add_body(parser)
    o.add_json(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """List the tasks, or score one and show its swaps."""
    from backsafe.daily._task_io import load_builtin  # noqa: PLC0415

    tasks = load_builtin()
    if args.task is None:
        _list(tasks, args, out)
        return
    from backsafe.daily._task_scoring import (  # noqa: PLC0415
        score_task,
        task_swaps,
    )

    task = tasks.get(args.task)
    body = o.body(args)
    scored = score_task(task, body, load_kg=args.load)
    swaps = task_swaps(task, body, way=args.way, load_kg=args.load)
    current = task.usual if args.way is None else args.way
    if args.json:
        emit_json(
            document(task=task, score=scored, way=current, swaps=list(swaps)),
            out,
        )
        return
    load = f", {scored.load_kg:g} kg" if scored.load_kg else ""
    out.write(
        f"{task.name}{load}\n{task.summary}\n"
        f"body {body.mass_kg:g} kg, {body.height_m:g} m\n\n"
    )
    roles = {task.usual: "usual", task.friendlier: "friendlier"}
    rows = [
        (
            w.way,
            roles.get(w.way, ""),
            way_compression_text(w),
            w.peak.level,
            lifting_index_text(w),
        )
        for w in scored.ways
    ]
    out.write(
        format_table(
            rows,
            ("way", "", "peak L4/L5", "grade", "lifting equation"),
            right=(2,),
            keep=(0,),
        )
        + "\n\n"
    )
    _notes(task, out)
    if not swaps:
        out.write(f"No graded way of this task scores below {current!r}.\n")
        return
    out.write(f"With less load on the back than {current!r}:\n\n")
    for n, swap in enumerate(swaps, start=1):
        way = task.way(swap.way.way)
        out.write(
            f"{n}. {way.name}: {compression_text(swap.way.peak)},"
            f" {swap.relative_reduction:.0%} less\n"
        )
        out.write(_wrap(swap.reason, "   ") + "\n")
        out.writelines(
            _wrap(cue, "   - ", "     ") + "\n" for cue in swap.cues
        )
        out.write("\n")


def _list(tasks: Any, args: argparse.Namespace, out: TextIO) -> None:
    if args.json:
        emit_json(document(tasks=list(tasks)), out)
        return
    rows = [
        (t.slug, t.name, t.usual, t.friendlier, len(t.ways)) for t in tasks
    ]
    out.write(
        format_table(
            rows,
            ("slug", "task", "usual", "friendlier", "ways"),
            right=(4,),
            keep=(0,),
        )
        + "\n"
    )


def _notes(task: Any, out: TextIO) -> None:
    for way in task.ways:
        if way.caveat:
            out.write(_wrap(f"{way.slug}: {way.caveat}", "note: ") + "\n")
    if any(w.caveat for w in task.ways):
        out.write("\n")


def _wrap(text: str, first: str, rest: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=79,
        initial_indent=first,
        subsequent_indent=rest if rest is not None else " " * len(first),
    )
