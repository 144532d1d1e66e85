"""Every snippet of the docs runs as a reader would paste it.

Each page's snippets (``python`` fences, ``{doctest}`` blocks and
``.. plot::`` directives) run in order in one fresh namespace per page,
without the documentation build's setup: a snippet that uses a name must
import it, or take it from an earlier snippet of the same page.
"""

import ast
import doctest
import pathlib
import re
import textwrap

import pytest

ROOT = pathlib.Path(__file__).parent.parent
DOCS = ROOT / "docs"


def _not_yet_checked() -> frozenset[str]:
    """The pages docs/conf.py lists as not yet self-contained.

    Other contributors were editing them when this test was written; their
    snippets are brought in line when those changes are merged, and each
    page leaves the list once its snippets import what they use.
    """
    tree = ast.parse((DOCS / "conf.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = (
                [node.target]
                if isinstance(node, ast.AnnAssign)
                else node.targets
            )
            if any(
                isinstance(t, ast.Name)
                and t.id == "SNIPPETS_NOT_YET_SELF_CONTAINED"
                for t in targets
            ):
                names = ast.literal_eval(node.value)  # type: ignore[arg-type]
                return frozenset(f"{name}.md" for name in names)
    return frozenset()


NOT_YET_CHECKED = _not_yet_checked()

#: As sphinx.ext.doctest runs them.
FLAGS = (
    doctest.ELLIPSIS
    | doctest.IGNORE_EXCEPTION_DETAIL
    | doctest.DONT_ACCEPT_TRUE_FOR_1
)

_FENCE = re.compile(
    r"^(?P<fence>`{3,})(?P<kind>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_PLOT = re.compile(
    r"^( *)\.\. plot::[^\n]*\n((?:\1 +[^\n]*\n|[ \t]*\n)*)", re.MULTILINE
)


def pages() -> list[pathlib.Path]:
    """README.md and the docs pages this test checks."""
    found = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    return [p for p in found if p.name not in NOT_YET_CHECKED]


def snippets(text: str) -> list[tuple[str, str, int]]:
    """(kind, code, line) of each snippet: "doctest", "exec" or "plot"."""
    found = []
    for match in _FENCE.finditer(text):
        kind = match["kind"].strip()
        body = match["body"]
        line = text.count("\n", 0, match.start("body")) + 1
        if kind == "{eval-rst}":
            for plot in _PLOT.finditer(body):
                lines = [
                    ln
                    for ln in plot[2].splitlines()
                    if not ln.strip().startswith(":")
                ]
                found.append(("plot", textwrap.dedent("\n".join(lines)), line))
        elif kind == "{doctest}" or (kind == "python" and ">>>" in body):
            code = "\n".join(
                ln for ln in body.splitlines() if not ln.startswith(":")
            )
            found.append(("doctest", code, line))
        elif kind in {"python", "{testcode}"}:
            found.append(("exec", body, line))
    return found


def run_page(path: pathlib.Path) -> None:
    """Run the snippets of *path* in order in one fresh namespace."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    parser = doctest.DocTestParser()
    for kind, code, line in snippets(path.read_text("utf-8")):
        name = f"{path.name}:{line}"
        if kind == "exec":
            exec(compile(code, name, "exec"), namespace)  # noqa: S102
        elif kind == "plot":
            exec(compile(code, name, "exec"), {"__name__": "__main__"})  # noqa: S102
        else:
            test = parser.get_doctest(code, namespace, name, str(path), line)
            result = runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # a DocTest runs in a copy
            assert not result.failed, f"{name}: see the doctest report above"


@pytest.fixture(autouse=True)
def _agg() -> None:
    """Plots draw off screen."""
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.name)
def test_snippets_run_in_a_fresh_namespace(path: pathlib.Path) -> None:
    """The page's snippets import what they use, and their output holds."""
    import matplotlib.pyplot as plt  # noqa: PLC0415

    try:
        run_page(path)
    finally:
        plt.close("all")


def test_the_build_imports_nothing_for_the_snippets() -> None:
    """docs/conf.py gives the doctests no names: each page imports them."""
    conf = (DOCS / "conf.py").read_text("utf-8")
    setup = re.search(r'doctest_global_setup = """(.*?)"""', conf, re.DOTALL)

    assert setup is None or "import" not in setup[1]


@pytest.mark.parametrize("page", [ROOT / "README.md", DOCS / "index.md"])
def test_quickstart_is_short(page: pathlib.Path) -> None:
    """The quickstart scores, swaps and adapts, in under 30 lines."""
    found = snippets(page.read_text("utf-8"))
    (quickstart,) = [c for k, c, _ in found if k in {"exec", "doctest"}]
    calls = (
        "score(",
        "alternatives(",
        "generate_progression(",
        "decide(",
        "apply_decision(",
    )

    assert len(quickstart.strip().splitlines()) < 30
    for call in calls:
        assert call in quickstart
