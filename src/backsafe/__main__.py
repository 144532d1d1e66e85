"""``python -m backsafe``: the same as the ``backsafe`` command."""

import sys

from backsafe.cli._main import main

if __name__ == "__main__":
    sys.exit(main())
