from importlib import metadata
from importlib.resources import files

import backsafe as bs

from .fresh import run_fresh


class TestPackaging:
    def test_version_is_the_metadata_version(self) -> None:
        """backsafe.__version__ is the installed distribution's version."""
        assert metadata.version("backsafe") == bs.__version__

    def test_ships_py_typed(self) -> None:
        """The package is marked as typed (PEP 561)."""
        assert files("backsafe").joinpath("py.typed").is_file()

    def test_runtime_needs_only_attrs_and_cattrs(self) -> None:
        """Only attrs and cattrs are unconditional runtime dependencies."""
        requires = metadata.requires("backsafe") or []
        unconditional = {
            r.split(">")[0].split("=")[0].split("[")[0].strip()
            for r in requires
            if "extra ==" not in r
        }

        assert {"attrs", "cattrs"} == unconditional

    def test_import_stays_light(self) -> None:
        """Importing backsafe loads no cattrs, numpy, pandas or matplotlib."""
        code = (
            "import sys, backsafe; "
            "print(' '.join(m for m in ('cattrs', 'numpy', 'pandas', "
            "'matplotlib', 'jsonschema') if m in sys.modules))"
        )
        out = run_fresh(code)

        assert "" == out


class TestReadme:
    def test_readme_example_runs(self) -> None:
        """The README's example gives the output it shows."""
        import doctest  # noqa: PLC0415
        from pathlib import Path  # noqa: PLC0415

        readme = Path(__file__).parent.parent / "README.md"
        result = doctest.testfile(
            str(readme), module_relative=False, verbose=False
        )

        assert 0 == result.failed
        assert result.attempted > 0
