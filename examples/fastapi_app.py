"""A FastAPI app that scores, swaps and adapts with backsafe types.

Routes declare backsafe classes with ``Document[...]``: pydantic reads
them with backsafe's strict reader, writes them as backsafe documents and
shows backsafe's JSON Schemas in the app's OpenAPI document; errors are
RFC 9457 problems. Needs the web extra: pip install 'backsafe[web]'.

Run it as a server with:  uvicorn fastapi_app:app  (from examples/)
Run as a script, it calls itself once on loopback and prints the answers.
"""

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel

from backsafe import (
    AlternativeList,
    Body,
    Dose,
    Outcome,
    SessionReport,
    SpinalLoad,
    alternatives,
    catalog,
    decide,
    score,
)
from backsafe import Context as CoachingContext
from backsafe.web.pydantic import Document, add_problem_handlers

app = FastAPI(title="Back-friendly gym")
add_problem_handlers(app)


class LoggedSet(BaseModel):
    """One logged set: the exercise's slug, its load, and who lifted."""

    exercise: str
    load_kg: float = 0.0
    body: Document[Body]


class Report(BaseModel):
    """A pain report after a session, with the dose and the situation."""

    report: Document[SessionReport]
    dose: Document[Dose]
    context: Document[CoachingContext]


@app.post("/score")
def score_set(logged: LoggedSet) -> Document[SpinalLoad]:
    """The spinal load of a logged set."""
    exercise = catalog.get(logged.exercise)
    return score(exercise, logged.body, load_kg=logged.load_kg)


@app.post("/swaps")
def swaps(logged: LoggedSet) -> Document[AlternativeList]:
    """Back-friendlier exercises at the same leg work."""
    return alternatives(logged.exercise, logged.body, load_kg=logged.load_kg)


@app.post("/adapt")
def adapt(sent: Report) -> Document[Outcome]:
    """What to do next after a pain report."""
    return decide(sent.report, sent.dose, sent.context)


@contextlib.contextmanager
def _serving() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def main() -> None:
    """Call the app once per route, on loopback, and print the answers."""
    person = {"mass_kg": 80, "height_m": 1.78}
    squat = {"exercise": "low-bar-back-squat", "load_kg": 60, "body": person}
    with _serving() as url, httpx.Client(base_url=url) as client:
        load = client.post("/score", json=squat).json()
        print(
            f"squat at 60 kg: {load['compression_n']:.0f} N, {load['level']}"
        )
        for swap in client.post("/swaps", json=squat).json()[:2]:
            print(f"swap: {swap['exercise']['slug']} at {swap['load_kg']} kg")
        bad = client.post("/score", json={**squat, "load_kg": -5})
        print(f"bad load: {bad.status_code} {bad.headers['content-type']}")
        schema = client.get("/openapi.json").json()["components"]["schemas"]
        body = schema["LoggedSet"]["properties"]["body"]
        print("Body schema:", json.dumps(body["properties"]["mass_kg"]))


if __name__ == "__main__":
    main()
