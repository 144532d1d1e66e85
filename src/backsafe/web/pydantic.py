"""backsafe types in pydantic models and FastAPI routes.

``Document[Body]`` is ``Body`` to a type checker, and to pydantic a type
it reads with `backsafe.from_dict` (strict, every problem with its path),
writes with `backsafe.to_dict`, and describes with the schema of
`backsafe.json_schema` (its definitions inlined, so it fits any OpenAPI
document). `add_problem_handlers` turns backsafe's errors in a FastAPI
app into ``application/problem+json`` answers.

Needs pydantic (the ``web`` extra installs it with FastAPI).

.. versionadded:: 0.1.0
"""

from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from backsafe._strict import VERSION_KEY
from backsafe.exceptions import BacksafeError, InvalidDataError
from backsafe.serde._converter import from_dict, to_dict
from backsafe.serde._schema import check_type, json_schema
from backsafe.web._problems import MEDIA_TYPE, from_error, problem

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["Document", "add_problem_handlers", "inline_schema"]

T = TypeVar("T")


class _Adapter:
    """Pydantic's hooks for one backsafe class (or collection)."""

    def __init__(self, cls: Any) -> None:
        check_type(cls, collections=True)
        self.cls = cls

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        cls = self.cls

        def validate(value: object) -> Any:
            if isinstance(cls, type) and isinstance(value, cls):
                return value
            return from_dict(value, cls)

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                to_dict, when_used="json"
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return inline_schema(self.cls)


def inline_schema(cls: Any) -> dict[str, Any]:
    """Return `backsafe.json_schema` of *cls* with its ``$defs`` inlined.

    The schema then holds no reference, so it can sit anywhere in another
    document (a pydantic model's schema, an OpenAPI document).

    .. versionadded:: 0.1.0
    """
    schema = json_schema(cls)
    defs = schema.pop("$defs", {})
    schema.pop("$schema")
    schema.pop("$id", None)

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return {**inline(defs[ref.removeprefix("#/$defs/")]), **rest}
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    result: dict[str, Any] = inline(schema)
    # A document nested in a model needs no schema_version (#13).
    for root in (result, result.get("items", {})):
        if VERSION_KEY in root.get("required", ()):
            root["required"].remove(VERSION_KEY)
    return result


if TYPE_CHECKING:
    Document = Annotated[T, "backsafe document"]
else:

    class Document:
        """``Document[Body]``: a backsafe class as a pydantic type.

        >>> from pydantic import TypeAdapter
        >>> from backsafe import Body
        >>> from backsafe.web.pydantic import Document
        >>> adapter = TypeAdapter(Document[Body])
        >>> adapter.validate_python({"mass_kg": 80, "height_m": 1.78})
        Body(mass_kg=80.0, height_m=1.78, sex=None)

        .. versionadded:: 0.1.0
        """

        def __class_getitem__(cls, item: Any) -> Any:
            """``Annotated[item, <backsafe's pydantic hooks>]``."""
            return Annotated[item, _Adapter(item)]


def add_problem_handlers(app: "FastAPI") -> None:
    """Answer backsafe's errors in *app* with RFC 9457 problems.

    A request whose ``Document[...]`` fields are invalid gets 422 with
    every problem and its path; a `BacksafeError` raised in a route gets
    422 (404 for an unknown exercise) with the field, the value and the
    allowed range.

    .. versionadded:: 0.1.0
    """
    from fastapi.exceptions import RequestValidationError  # noqa: PLC0415
    from fastapi.responses import JSONResponse  # noqa: PLC0415

    def respond(doc: dict[str, Any]) -> JSONResponse:
        return JSONResponse(
            doc, status_code=doc["status"], media_type=MEDIA_TYPE
        )

    async def on_invalid(_: Any, exc: Exception) -> JSONResponse:
        errors: list[str] = []
        for error in getattr(exc, "errors", list)():
            where = ".".join(str(part) for part in error.get("loc", ()))
            cause = error.get("ctx", {}).get("error")
            if isinstance(cause, InvalidDataError):
                errors.extend(f"{where}: {line}" for line in cause.errors)
            else:
                errors.append(f"{where}: {error.get('msg', 'invalid')}")
        return respond(
            problem("invalid-data", "invalid request", errors=errors)
        )

    async def on_error(_: Any, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BacksafeError)  # noqa: S101 (registered so)
        return respond(from_error(exc))

    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(BacksafeError, on_error)
