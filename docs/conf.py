"""Sphinx configuration for backsafe's documentation."""

import json
import os
import sys
from importlib.metadata import version as _version
from typing import Any

sys.path.insert(0, os.path.abspath("../src"))  # noqa: PTH100
# Local extensions, such as the catalog table rendered from the data.
sys.path.insert(0, os.path.abspath("_ext"))  # noqa: PTH100

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
    "backsafe_catalog",
    "backsafe_tasks",
    "backsafe_mathml",
    "matplotlib.sphinxext.plot_directive",
]
myst_enable_extensions = [
    "colon_fence",
    "smartquotes",
    "deflist",
    "dollarmath",
]
myst_heading_anchors = 3
# The equations are MathML written at build time (_ext/backsafe_mathml.py):
# no MathJax, so the pages need no network to show them.
html_math_renderer = "mathml"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated"]

autodoc_typehints = "description"
# Types show as their public name (Body, not backsafe.spine._types.Body);
# _public_reference below links the private paths to the public entries.
python_use_unqualified_type_names = True
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Intersphinx is left out: the build machines have no internet, and an
# unreachable inventory would fail every -W build.

# No doctest_global_setup: every snippet imports what it uses, so that a
# reader can paste it (tests/test_docs_snippets.py runs them that way).
# Docstring examples are not run here: they use their module's names.
doctest_test_doctest_blocks = ""

#: Pages whose snippets still rely on the names the build used to import
#: for every page; until they import what they use, the build gives them
#: those names in a hidden setup block, and the snippet test skips them.
SNIPPETS_NOT_YET_SELF_CONTAINED: tuple[str, ...] = ()
_LEGACY_SETUP = (
    "```{testsetup} *\nfrom backsafe import *\nimport backsafe\n```\n\n"
)

# Figures are drawn from the code at build time, so they cannot drift.
plot_formats = [("png", 110)]
plot_html_show_formats = False
plot_html_show_source_link = False
plot_include_source = True
plot_rcparams = {"figure.figsize": (7, 4)}

html_theme = "furo"
html_title = "backsafe"


def _write_schemas(app: object) -> None:
    """Write the JSON Schemas next to the pages, and the list of them."""
    from pathlib import Path  # noqa: PLC0415

    from backsafe.serde._schema import write_schemas  # noqa: PLC0415

    outdir = Path(app.outdir)  # type: ignore[attr-defined]
    written = write_schemas(outdir / "schemas")
    lines = [
        f'- <a href="schemas/{path.name}"><code>{path.name}</code></a>\n'
        for path in written
    ]
    generated = Path(__file__).parent / "_generated"
    generated.mkdir(exist_ok=True)
    (generated / "schemas.md").write_text("".join(lines), encoding="utf-8")


#: Command lines whose output docs/cli.md shows: file name -> arguments.
CLI_EXAMPLES = {
    "help": ["--help"],
    "leg-day": ["--start", "2026-03-02"],
    "catalog": ["catalog", "--pattern", "lunge"],
    "score": ["score", "split-squat", "--load", "16"],
    "score-posture": [
        "score", "--lean", "45", "--load", "20",
        "--placement", "hands-reach", "--reach", "0.3",
    ],
    "alternatives": [
        "alternatives", "low-bar-back-squat", "--load", "60", "--limit", "5",
    ],
    "plan": [
        "plan", "split-squat", "--phase", "chronic", "--weeks", "4",
        "--start", "2026-03-02",
    ],
    "plan-12-weeks": [
        "plan", "split-squat", "--mass", "80", "--height", "1.78",
        "--weeks", "12", "--start", "2026-03-02",
    ],
    "plan-goblet": [
        "plan", "goblet-squat", "--mass", "80", "--height", "1.78",
        "--weeks", "12", "--load", "8", "--start", "2026-03-02",
    ],
    "plan-acute": [
        "plan", "split-squat", "--phase", "acute", "--mass", "80",
        "--height", "1.78", "--weeks", "6", "--start", "2026-03-02",
    ],
    "check-example": ["check", "--example"],
    "check": ["check", "_generated/session.json"],
    "error": ["score", "--lean", "95"],
    "task-list": ["task"],
    "task": [
        "task", "lift-box-from-floor", "--mass", "80", "--height", "1.78",
    ],
    "lift": [
        "lift", "--h", "40", "--v", "30", "--d", "90", "--a", "30", "--f", "2",
        "--coupling", "fair", "--duration", "moderate", "--load", "12",
    ],
    "error-height": ["score", "split-squat", "--height", "178"],
    "error-command": ["scor", "split-squat"],
    "pounds": ["score", "split-squat", "--load", "35", "--units", "lb"],
}  # fmt: skip


def _write_cli_examples(app: object) -> None:
    """Run each example command and keep its output for the CLI page."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from backsafe.cli._check import CHECK_EXAMPLE  # noqa: PLC0415
    from backsafe.cli._main import main  # noqa: PLC0415

    del app
    here = Path(__file__).parent
    generated = here / "_generated"
    generated.mkdir(exist_ok=True)
    (generated / "session.json").write_text(
        json.dumps(CHECK_EXAMPLE, indent=2) + "\n", encoding="utf-8"
    )
    os.environ["COLUMNS"] = "79"
    cwd = Path.cwd()
    os.chdir(here)
    try:
        for name, argv in CLI_EXAMPLES.items():
            out = io.StringIO()
            with (
                contextlib.redirect_stdout(out),
                contextlib.redirect_stderr(out),
            ):
                status = main(argv)
            text = out.getvalue() + (
                f"(exit status {status})\n" if status else ""
            )
            (generated / f"cli-{name}.txt").write_text(text, encoding="utf-8")
    finally:
        os.chdir(cwd)


def _public_name(target: str) -> str | None:
    """``backsafe.Body`` for ``backsafe.spine._types.Body``, if public."""
    import backsafe  # noqa: PLC0415

    head, _, name = target.rpartition(".")
    if not head.startswith("backsafe.") or name not in backsafe.__all__:
        return None
    return f"backsafe.{name}"


def _public_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a type named by its private path to its public entry."""
    public = _public_name(node.get("reftarget", ""))
    if node.get("refdomain") != "py" or public is None:
        return None
    return env.get_domain("py").resolve_xref(
        env,
        node["refdoc"],
        app.builder,
        node.get("reftype", "class"),
        public,
        node,
        contnode,
    )


def _public_titles(app: Any, doctree: Any, docname: str) -> None:
    """Let the tooltips of type links name the public path too."""
    from docutils import nodes  # noqa: PLC0415

    del app, docname
    for node in doctree.findall(nodes.reference):
        public = _public_name(node.get("reftitle", ""))
        if public is not None:
            node["reftitle"] = public


def _show_default(value: Any) -> str:
    """A default as a reader would write it: ``Sex.FEMALE``, ``None``."""
    import enum  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
        factory = value.factory  # type: ignore[attr-defined]
        return f"{getattr(factory, '__name__', 'factory')}()"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    return repr(value)


def _real_defaults(  # noqa: PLR0917 (the signature of the event)
    app: Any,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    """Show attrs classes' defaults (not ``attr_dict['sex'].default``)."""
    import re  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    del app, name, options
    if what != "class" or signature is None or not attrs.has(obj):
        return None
    defaults = {f.name: f.default for f in attrs.fields(obj)}

    def shown(match: re.Match[str]) -> str:
        return _show_default(defaults[match.group(1)])

    signature = re.sub(r"attr_dict\['(\w+)'\]\.default", shown, signature)
    return signature, return_annotation


def _legacy_setup(app: Any, docname: str, source: list[str]) -> None:
    """Give the pages not yet self-contained the names they expect."""
    del app
    if docname in SNIPPETS_NOT_YET_SELF_CONTAINED:
        source[0] = _LEGACY_SETUP + source[0]


def setup(app: object) -> None:
    """Generate build-time files."""
    app.connect("source-read", _legacy_setup)  # type: ignore[attr-defined]
    app.connect("missing-reference", _public_reference)  # type: ignore[attr-defined]
    app.connect("autodoc-process-signature", _real_defaults)  # type: ignore[attr-defined]
    app.connect("doctree-resolved", _public_titles)  # type: ignore[attr-defined]
    app.connect("builder-inited", _write_schemas)  # type: ignore[attr-defined]
    app.connect("builder-inited", _write_cli_examples)  # type: ignore[attr-defined]
