"""``backsafe serve``: run the HTTP service (needs the ``web`` extra)."""

import argparse
from typing import Any, TextIO

from backsafe.cli import _options as o


def add_parser(sub: Any) -> None:
    """Add the ``serve`` command to *sub*."""
    parser = o.add_command(
        sub,
        "serve",
        help_text="run the HTTP service (pip install 'backsafe[web]')",
        examples="  backsafe serve\n"
        "  backsafe serve --port 9000\n"
        "  curl localhost:8000/openapi.json",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to bind (default: 127.0.0.1, this machine only)",
    )
    parser.add_argument(
        "--port", type=o.integer, default=8000, help="default: 8000"
    )
    parser.add_argument(
        "--max-body-bytes",
        type=o.integer,
        default=1_000_000,
        help="the largest request body read (default: 1000000)",
    )
    parser.add_argument(
        "--max-rows",
        type=o.integer,
        default=1000,
        help="the most rows a batch scores (default: 1000)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Serve until interrupted."""
    from backsafe.web import EXTRA_HINT  # noqa: PLC0415

    try:
        import uvicorn  # noqa: PLC0415

        from backsafe.web._app import create_app  # noqa: PLC0415
    except ImportError as exc:
        raise o.UsageError(f"{EXTRA_HINT} ({exc})") from exc
    app = create_app(
        max_body_bytes=args.max_body_bytes, max_rows=args.max_rows
    )
    out.write(f"backsafe: serving on http://{args.host}:{args.port}\n")
    out.flush()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
