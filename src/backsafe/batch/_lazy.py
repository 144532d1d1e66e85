"""What the batch entry points need before numpy: the extras and defaults.

The public batch functions live in modules that import neither numpy nor
pandas, so that ``from backsafe import *``, ``help(backsafe)`` and
`inspect.getmembers` work on a plain install; they import the modules
that compute only when called, after `require` has checked the extra.
"""

import importlib
from typing import Final

from backsafe.exceptions import MissingExtraError

#: Rows per chunk: large enough to amortise numpy's per-call overhead, small
#: enough that a chunk's temporaries stay in the processor's cache.
DEFAULT_CHUNK_ROWS: Final = 32_768


def require(feature: str, module: str, extra: str) -> None:
    """Import *module*, or raise `MissingExtraError` naming *extra*."""
    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(feature, module, extra) from exc
