"""The ASGI service that ``backsafe serve`` runs, on FastAPI.

FastAPI only routes here: request bodies are read by backsafe's strict
converter (`backsafe.serde`), answers are backsafe documents, the OpenAPI
document comes from `backsafe.web._openapi`, and every error is an
RFC 9457 problem (`backsafe.web._problems`).
"""

import json
from collections.abc import Awaitable, Callable
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from backsafe._strict import reject_constant
from backsafe.exceptions import BacksafeError, InvalidDataError
from backsafe.serde._converter import read, to_dict
from backsafe.web._openapi import openapi_document, version
from backsafe.web._operations import (
    MAX_ROWS,
    Operation,
    exercise_form,
    operations,
)
from backsafe.web._problems import MEDIA_TYPE, from_error, problem

#: The largest request body the service reads, unless told otherwise.
MAX_BODY_BYTES: Final = 1_000_000

Endpoint = Callable[[Request], Awaitable[JSONResponse]]


class _TooLargeError(Exception):
    """The request body is over the limit."""


def _problem_response(doc: dict[str, Any]) -> JSONResponse:
    return JSONResponse(doc, status_code=doc["status"], media_type=MEDIA_TYPE)


async def _body(request: Request, limit: int) -> object:
    """Read the request's JSON, refusing more than *limit* bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _TooLargeError
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLargeError
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks), parse_constant=reject_constant)
    except (ValueError, RecursionError) as exc:
        msg = "invalid request body"
        raise InvalidDataError(msg, [f"not valid JSON: {exc} @ $"]) from exc


def _endpoint(op: Operation, limit: int) -> Endpoint:
    async def endpoint(request: Request) -> JSONResponse:
        try:
            envelope = None
            if op.request is not None:
                data = await _body(request, limit)
                envelope = await run_in_threadpool(
                    read, data, op.request, op.request
                )
            params = dict(request.path_params)
            result = await run_in_threadpool(op.run, envelope, params)
            doc = to_dict(result, exercises=exercise_form(envelope))
        except _TooLargeError:
            return _problem_response(
                problem("too-large", f"the body is over {limit} bytes")
            )
        except BacksafeError as exc:
            return _problem_response(
                from_error(exc, in_body=op.request is not None)
            )
        return JSONResponse(doc)

    endpoint.__name__ = op.name
    return endpoint


def create_app(
    *, max_body_bytes: int = MAX_BODY_BYTES, max_rows: int = MAX_ROWS
) -> FastAPI:
    """Return the backsafe HTTP service as an ASGI application.

    Args:
        max_body_bytes: The largest request body it reads; larger ones
            get 413.
        max_rows: The most rows a batch scores.

    Returns:
        The application, for any ASGI server (``backsafe serve`` runs it
        with uvicorn).

    .. versionadded:: 0.1.0
    """
    ops = operations(max_rows=max_rows)
    document = openapi_document(ops)
    app = FastAPI(
        title="backsafe",
        version=version(),
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "version": version()})

    async def openapi(_: Request) -> JSONResponse:
        return JSONResponse(document)

    app.add_route("/health", health, methods=["GET"])
    app.add_route("/openapi.json", openapi, methods=["GET"])
    for op in ops:
        app.add_route(
            op.path, _endpoint(op, max_body_bytes), methods=[op.method.upper()]
        )

    async def http_problem(_: Request, exc: Exception) -> JSONResponse:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        doc = problem("not-found", str(getattr(exc, "detail", exc)))
        doc.update(status=status, title="HTTP error")
        return _problem_response(doc)

    app.add_exception_handler(HTTPException, http_problem)
    return app
