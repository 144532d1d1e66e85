"""The OpenAPI 3.1 document, built from backsafe's own JSON Schemas.

Every schema in it comes from `backsafe.json_schema` (for results) or the
same generator (for request envelopes), with its references pointed at
``#/components/schemas/...`` by ``ref_template``, the one place they are
rewritten. No web framework is imported here.
"""

import importlib.metadata
from collections.abc import Iterable
from typing import Any, Final

from backsafe.serde._schema import (
    OPENAPI_REF_TEMPLATE,
    _class_schema,
    _rewrite_refs,
    json_schema,
)
from backsafe.web._operations import Operation, operations
from backsafe.web._problems import MEDIA_TYPE, TYPES, problem_schema

JSON: Final = "application/json"
_DESCRIPTIONS: Final = {
    404: "No such exercise.",
    413: "The request body is larger than the server takes.",
    422: "The request is not valid: see the problem's field or errors.",
}


def version() -> str:
    """The installed backsafe version, or ``"0.0.0"`` from a source tree."""
    try:
        return importlib.metadata.version("backsafe")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        return "0.0.0"


def _schema_name(tp: Any) -> str:
    """The component name of a result: ``SpinalLoadDocument``, say.

    A top-level document carries ``schema_version``, so it is not the
    ``SpinalLoad`` nested in other schemas.
    """
    if isinstance(tp, type):
        collection = issubclass(tp, tuple)
        return tp.__name__ if collection else f"{tp.__name__}Document"
    (item,) = tp.__args__
    return f"{item.__name__}List"


class _Components:
    """The schemas of ``components.schemas``, gathered as they are used."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def result(self, tp: Any) -> dict[str, str]:
        """Register the schema of result type *tp*; return a reference."""
        name = _schema_name(tp)
        if name not in self.schemas:
            schema = json_schema(tp, ref_template=OPENAPI_REF_TEMPLATE)
            self.schemas.update(schema.pop("$defs", {}))
            schema.pop("$schema")
            schema.pop("$id", None)
            self.schemas[name] = schema
        return {"$ref": OPENAPI_REF_TEMPLATE.format(name=name)}

    def envelope(self, cls: type) -> dict[str, str]:
        """Register the schema of request envelope *cls*."""
        defs: dict[str, Any] = {}
        root = _class_schema(cls, defs)
        for name, schema in {**defs, cls.__name__: root}.items():
            self.schemas[name] = _rewrite_refs(schema, OPENAPI_REF_TEMPLATE)
        return {"$ref": OPENAPI_REF_TEMPLATE.format(name=cls.__name__)}


def _problem_responses(statuses: Iterable[int]) -> dict[str, Any]:
    ref = {"$ref": OPENAPI_REF_TEMPLATE.format(name="Problem")}
    return {
        str(status): {
            "description": _DESCRIPTIONS[status],
            "content": {MEDIA_TYPE: {"schema": ref}},
        }
        for status in statuses
    }


def _operation(op: Operation, parts: _Components) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "operationId": op.name,
        "summary": op.summary,
        "responses": {
            "200": {
                "description": "The answer, as a backsafe document.",
                "content": {JSON: {"schema": parts.result(op.result)}},
            },
            **_problem_responses(op.problems),
        },
    }
    if op.request is not None:
        doc["requestBody"] = {
            "required": True,
            "content": {JSON: {"schema": parts.envelope(op.request)}},
        }
    if "{slug}" in op.path:
        doc["parameters"] = [
            {
                "name": "slug",
                "in": "path",
                "required": True,
                "description": "The exercise's slug, such as split-squat.",
                "schema": {"type": "string"},
            }
        ]
    return doc


def openapi_document(
    ops: Iterable[Operation] | None = None,
) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of the service.

    Args:
        ops: The operations; every endpoint of `backsafe serve` if not
            given.

    Returns:
        The document, ready for `json.dumps`.
    """
    parts = _Components()
    paths: dict[str, Any] = {
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Whether the service is up, and its version.",
                "responses": {
                    "200": {
                        "description": "The service is up.",
                        "content": {JSON: {"schema": _health_schema()}},
                    }
                },
            }
        }
    }
    for op in operations() if ops is None else ops:
        paths.setdefault(op.path, {})[op.method] = _operation(op, parts)
    parts.schemas["Problem"] = problem_schema()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "backsafe",
            "version": version(),
            "summary": (
                "Spinal load of exercises and back-safe progressions."
            ),
            "description": (
                "Every body is a backsafe JSON document (see the JSON"
                " page of the documentation); errors are RFC 9457 problems"
                f" of these types: {', '.join(TYPES)}."
            ),
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": dict(sorted(parts.schemas.items()))},
    }


def _health_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "status": {"const": "ok"},
            "version": {"type": "string"},
        },
        "required": ["status", "version"],
        "additionalProperties": False,
    }
