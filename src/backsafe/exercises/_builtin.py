"""The built-in exercise catalog, parsed when this module is first imported.

``backsafe.catalog`` imports this module on first access, so
``import backsafe`` never parses the data file.
"""

from typing import Final

from backsafe.exercises._catalog import Catalog, load_builtin

#: The catalog shipped with backsafe (``exercises/_data/exercises.toml``).
catalog: Final[Catalog] = load_builtin()
