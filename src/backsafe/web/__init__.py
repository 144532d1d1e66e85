"""backsafe over HTTP, and backsafe types in web frameworks' routes.

An edge behind the ``web`` extra (``pip install 'backsafe[web]'``): the
core never imports it. `backsafe.web.create_app` builds the ASGI service
that ``backsafe serve`` runs; `backsafe.web.pydantic` lets FastAPI and
pydantic users declare backsafe types in their own models and routes.
"""

from typing import Any

__all__ = ["EXTRA_HINT", "create_app", "openapi_document"]

#: What to install when this room's dependencies are missing.
EXTRA_HINT = (
    "the backsafe web service needs the 'web' extra:"
    " pip install 'backsafe[web]'"
)


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from backsafe.web._app import create_app  # noqa: PLC0415

        return create_app
    if name == "openapi_document":
        from backsafe.web._openapi import openapi_document  # noqa: PLC0415

        return openapi_document
    msg = f"module 'backsafe.web' has no attribute {name!r}"
    raise AttributeError(msg)
