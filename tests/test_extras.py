"""Without the optional dependencies, the package still imports and helps.

A subprocess blocks numpy, pandas and matplotlib with a meta-path finder, as
on a plain install without extras.
"""

import subprocess
import sys
import textwrap

import pytest

import backsafe as bs

BLOCKER = textwrap.dedent(
    """
    import sys

    BLOCKED = {"numpy", "pandas", "matplotlib"}

    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in BLOCKED:
                raise ImportError(f"blocked: {name}", name=name)
            return None

    sys.meta_path.insert(0, Blocker())
    """
)


def run(code: str) -> subprocess.CompletedProcess[str]:
    """Run *code* after the blocker in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_star_import_help_and_getmembers_without_extras() -> None:
    """``from backsafe import *``, help() and getmembers() need no extra."""
    out = run(
        """
        import contextlib, inspect, io
        from backsafe import *
        import backsafe
        inspect.getmembers(backsafe)
        with contextlib.redirect_stdout(io.StringIO()) as text:
            help(backsafe)
        assert "score_many" in text.getvalue()
        assert "numpy" not in sys.modules and "pandas" not in sys.modules
        print("ok")
        """
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


@pytest.mark.parametrize(
    ("call", "extra"),
    [
        (
            "backsafe.score_many('goblet-squat', mass_kg=80, height_m=1.78)",
            "array",
        ),
        (
            "backsafe.spinal_load_many(lean_deg=0, mass_kg=80, height_m=1.78)",
            "array",
        ),
        ("backsafe.score_frame(None)", "array"),
        (
            (
                "backsafe.plot_lean(backsafe.catalog.get('goblet-squat'),"
                " backsafe.Body(mass_kg=80, height_m=1.78))"
            ),
            "plot",
        ),
    ],
)
def test_calls_without_extras_name_the_extra(call: str, extra: str) -> None:
    """A call that needs an extra raises MissingExtraError naming it."""
    out = run(
        f"""
        import backsafe
        try:
            {call}
        except backsafe.MissingExtraError as error:
            assert isinstance(error, backsafe.BacksafeError)
            assert isinstance(error, ImportError)
            print(error)
        """
    )
    assert out.returncode == 0, out.stderr
    assert f'pip install "backsafe[{extra}]"' in out.stdout


def test_missing_extra_error() -> None:
    """The error names the feature, the module and the extra."""
    error = bs.MissingExtraError("score_frame", "pandas", "frame")

    assert isinstance(error, bs.BacksafeError)
    assert isinstance(error, ImportError)
    assert error.module == "pandas"
    assert error.name == "pandas"
    assert error.extra == "frame"
    assert str(error) == (
        "score_frame needs pandas, which is not installed: "
        'pip install "backsafe[frame]"'
    )
