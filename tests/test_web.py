"""The HTTP service, run for real on loopback, and the pydantic adapter."""

import contextlib
import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="needs the web extra")
pytest.importorskip("uvicorn", reason="needs the web extra")
pytest.importorskip("httpx", reason="needs the tests group")

import httpx
import jsonschema
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel, TypeAdapter, ValidationError

import backsafe as bs
from backsafe.cli import _main
from backsafe.web import create_app, openapi_document
from backsafe.web import pydantic as bp
from backsafe.web._problems import _plain, from_error

BODY = {"mass_kg": 80, "height_m": 1.78}
PERSON = bs.Body(mass_kg=80, height_m=1.78)
PROBLEM = "application/problem+json"
RUN_SCHEMATHESIS = (
    "import sys; from schemathesis.cli import schemathesis;"
    " sys.exit(schemathesis())"
)
#: As in .ci/run: no 5xx, documented statuses, media types and schemas.
SCHEMATHESIS_OPTIONS = (
    "--checks",
    (
        "not_a_server_error,status_code_conformance,"
        "content_type_conformance,response_schema_conformance"
    ),
    "--max-examples",
    "5",
    "--seed",
    "1",
    "--no-color",
)


def nested(obj: object) -> dict[str, Any]:
    """A document to nest in a request: without its schema_version."""
    doc = bs.to_dict(obj)
    del doc["schema_version"]
    return doc


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run *app* with uvicorn on loopback; always shut it down."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serving(create_app(max_body_bytes=200_000, max_rows=5)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def check_against_openapi(
    document: dict[str, Any], path: str, method: str, response: Any
) -> None:
    """The response matches the schema its operation documents."""
    op = document["paths"][path][method]
    declared = op["responses"][str(response.status_code)]
    (media, content), *_ = declared["content"].items()
    assert response.headers["content-type"] == media
    schema = {
        **content["schema"],
        "components": document["components"],
    }
    jsonschema.Draft202012Validator(schema).validate(response.json())


class TestService:
    def test_health(self, client: httpx.Client) -> None:
        """/health says ok, with the version."""
        r = client.get("/health")

        assert 200 == r.status_code
        assert "ok" == r.json()["status"]

    def test_score_posture(self, client: httpx.Client) -> None:
        """One posture scores like spinal_load."""
        posture = bs.Posture(
            lean=bs.TorsoLean(degrees=60),
            load_kg=20,
            placement=bs.LoadPlacement.HANDS_REACH,
            reach_m=0.3,
        )
        r = client.post(
            "/v1/spinal-load",
            json={"posture": nested(posture), "body": BODY},
        )

        assert 200 == r.status_code
        expected = bs.spinal_load(posture, PERSON)
        assert expected == bs.from_dict(r.json(), bs.SpinalLoad)

    def test_score_exercise_and_batch(self, client: httpx.Client) -> None:
        """An exercise scores like score(); a batch row by row."""
        one = {"exercise": "split-squat", "load_kg": 30}
        r = client.post("/v1/score", json={**one, "body": BODY})
        batch = client.post(
            "/v1/score/batch", json={"body": BODY, "rows": [one, one]}
        )

        expected = bs.score(bs.catalog.get("split-squat"), PERSON, load_kg=30)
        assert expected == bs.from_dict(r.json(), bs.SpinalLoad)
        assert [expected] * 2 == bs.from_dict(
            batch.json(), list[bs.SpinalLoad]
        )

    def test_catalog(self, client: httpx.Client) -> None:
        """The catalog lists every exercise and gets one by slug."""
        listed = client.get("/v1/exercises").json()
        one = client.get("/v1/exercises/split-squat").json()

        assert len(bs.catalog) == len(listed)
        assert bs.catalog.get("split-squat") == bs.from_dict(one, bs.Exercise)

    def test_alternatives_compact_and_whole(
        self, client: httpx.Client
    ) -> None:
        """Alternatives name their exercises by slug unless asked."""
        req = {"exercise": "low-bar-back-squat", "body": BODY, "load_kg": 60}
        compact = client.post("/v1/alternatives", json=req).json()
        whole = client.post(
            "/v1/alternatives", json={**req, "exercises": "object"}
        ).json()

        expected = bs.alternatives("low-bar-back-squat", PERSON, load_kg=60)
        # The first is the library's first: a loaded leg press, once first,
        # is ungraded now (a machine pad on a supported trunk), never a swap.
        first = expected[0].exercise.slug
        assert first == compact[0]["exercise"]
        assert first == whole[0]["exercise"]["slug"]
        assert expected == bs.from_dict(compact, bs.AlternativeList)
        assert expected == bs.from_dict(whole, bs.AlternativeList)

    def test_rewrite_plan_and_decide(self, client: httpx.Client) -> None:
        """The leg-day rewrite, a plan and a decision, as in Python."""
        day = {
            "items": [
                {
                    "exercise": "low-bar-back-squat",
                    "sets": 4,
                    "reps": 6,
                    "load_kg": 60,
                }
            ]
        }
        rewrite = client.post(
            "/v1/workouts/rewrite", json={"workout": day, "body": BODY}
        )
        plan_req = {
            "exercise": "split-squat",
            "body": BODY,
            "phase": "chronic",
            "mode": "strength",
            "start": "2026-03-02",
            "weeks": 4,
        }
        plan = client.post("/v1/plans", json=plan_req)

        assert 200 == rewrite.status_code
        expected = bs.rewrite_workout(bs.from_dict(day, bs.Workout), PERSON)
        assert expected == bs.from_dict(rewrite.json(), bs.WorkoutRewrite)
        progression = bs.from_dict(plan.json(), bs.Progression)
        assert "split-squat" == progression.exercise
        step = progression.steps[0]
        decide_req = {
            "report": {
                "day": "2026-03-02",
                "pain_before": 1,
                "pain_during_max": 2,
            },
            "dose": nested(step.dose),
            "context": {
                "phase": "chronic",
                "clearance": {
                    "cleared": True,
                    "on": "2026-02-01",
                    "by_clinician": True,
                },
            },
        }
        r = client.post("/v1/decide", json=decide_req)
        assert 200 == r.status_code, r.text
        outcome = bs.from_dict(r.json(), bs.Outcome)
        assert isinstance(outcome.decision, bs.Decision)

    def test_episode_evening_then_morning(self, client: httpx.Client) -> None:
        """An episode runs through the service as the product keeps it."""
        plan = bs.generate_progression(
            "split-squat",
            PERSON,
            phase="chronic",
            mode="strength",
            start=dt.date(2026, 3, 2),
            weeks=4,
        )
        begun = client.post(
            "/v1/episodes",
            json={
                "onset": "2025-06-01",
                "plan": nested(plan),
                "clearance": {
                    "cleared": True,
                    "on": "2026-02-01",
                    "by_clinician": True,
                },
            },
        )
        assert 200 == begun.status_code, begun.text
        episode = begun.json()
        episode.pop("schema_version")
        evening = client.post(
            "/v1/episodes/record",
            json={
                "episode": episode,
                "report": {
                    "day": "2026-03-02",
                    "pain_before": 1,
                    "pain_during_max": 2,
                },
            },
        )
        assert 200 == evening.status_code, evening.text
        after_evening = bs.from_dict(evening.json(), bs.Episode)
        assert after_evening.sessions[-1].outcome.provisional
        assert bs.Decision.PROGRESS != after_evening.outcomes[-1].decision
        kept = evening.json()
        kept.pop("schema_version")
        morning = client.post(
            "/v1/episodes/record",
            json={
                "episode": kept,
                "morning": {"day": "2026-03-02", "pain_next_morning": 1},
            },
        )
        assert 200 == morning.status_code, morning.text
        final = bs.from_dict(morning.json(), bs.Episode)
        assert not final.sessions[-1].outcome.provisional
        both = client.post("/v1/episodes/record", json={"episode": kept})
        assert 422 == both.status_code

    def test_tasks_and_the_lifting_equation(
        self, client: httpx.Client
    ) -> None:
        """Everyday tasks, their swaps and a lift, as in Python."""
        listed = client.get("/v1/tasks")
        request = {"task": "lift-box-from-floor", "body": BODY}
        scored = client.post("/v1/tasks/score", json=request)
        swaps = client.post("/v1/tasks/swaps", json=request)
        lift = {
            "horizontal_origin": 40,
            "vertical_origin": 30,
            "horizontal_destination": 40,
            "vertical_destination": 120,
            "frequency": 2,
            "coupling": "fair",
            "load": 12,
        }
        judged = client.post(
            "/v1/lift", json={"task": lift, "duration": "moderate"}
        )

        assert 200 == listed.status_code
        assert bs.tasks == bs.from_dict(listed.json(), bs.TaskCollection)
        assert 200 == scored.status_code, scored.text
        expected = bs.score_task("lift-box-from-floor", PERSON)
        assert expected == bs.from_dict(scored.json(), bs.TaskScore)
        assert 200 == swaps.status_code, swaps.text
        found = bs.from_dict(swaps.json(), list[bs.TaskSwap])
        assert list(bs.task_swaps("lift-box-from-floor", PERSON)) == found
        assert 200 == judged.status_code, judged.text
        analysis = bs.from_dict(judged.json(), bs.LiftAnalysis)
        assert analysis == bs.analyze_lift(
            bs.from_dict(lift, bs.LiftingTask), duration="moderate"
        )

    def test_plan_sessions_per_week_and_unit(
        self, client: httpx.Client
    ) -> None:
        """A plan request takes sessions a week and the gym's unit, and
        plans exactly as Python does with them."""
        plan_req = {
            "exercise": "split-squat",
            "body": BODY,
            "phase": "chronic",
            "mode": "strength",
            "start": "2026-03-02",
            "weeks": 12,
            "load_kg": 9.07,
            "sessions_per_week": 2,
            "unit": "lb",
        }
        r = client.post("/v1/plans", json=plan_req)

        assert 200 == r.status_code
        got = bs.from_dict(r.json(), bs.Progression)
        expected = bs.generate_progression(
            "split-squat",
            PERSON,
            phase="chronic",
            mode="strength",
            start=dt.date(2026, 3, 2),
            weeks=12,
            load_kg=9.07,
            sessions_per_week=2,
            unit="lb",
        )
        assert expected == got
        assert 2 == got.sessions_per_week
        assert bs.LoadUnit.LB is got.unit

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({"sessions_per_week": 0}, "PlanRequest.sessions_per_week"),
            ({"sessions_per_week": 8}, "PlanRequest.sessions_per_week"),
            ({"sessions_per_week": "2"}, "sessions_per_week"),
            ({"unit": "stone"}, "unit"),
            # Strength work: at most 3 sessions a week (ACSM 2009).
            ({"sessions_per_week": 5}, "sessions_per_week"),
        ],
    )
    def test_plan_options_out_of_range(
        self, client: httpx.Client, extra: dict[str, object], field: str
    ) -> None:
        """A bad sessions-per-week or unit is a 422 naming its field."""
        plan_req = {
            "exercise": "split-squat",
            "body": BODY,
            "phase": "chronic",
            "mode": "strength",
            "start": "2026-03-02",
            **extra,
        }
        r = client.post("/v1/plans", json=plan_req)

        assert 422 == r.status_code
        assert PROBLEM == r.headers["content-type"]
        assert field in json.dumps(r.json())

    def test_out_of_range_is_a_problem(self, client: httpx.Client) -> None:
        """An out-of-range value names its field, value and range."""
        r = client.post(
            "/v1/score",
            json={"exercise": "split-squat", "body": BODY, "load_kg": 3000},
        )

        assert 422 == r.status_code
        assert PROBLEM == r.headers["content-type"]
        doc = r.json()
        assert "ExerciseRequest.load_kg" == doc["field"]
        assert 3000 == doc["value"]
        assert "a finite number in [0, 600] kg" == doc["allowed"]
        assert [
            (
                "ExerciseRequest.load_kg must be a finite number in [0, 600]"
                " kg, got 3000.0 @ $"
            )
        ] == doc["errors"]

    def test_invalid_document_lists_every_problem(
        self, client: httpx.Client
    ) -> None:
        """Every problem of a body is listed with its path."""
        r = client.post(
            "/v1/spinal-load",
            json={"posture": {"lean": {"degrees": "x"}}, "body": {}, "x": 1},
        )

        assert 422 == r.status_code
        assert {
            "expected a number @ $.posture.lean.degrees",
            "required field missing @ $.body.mass_kg",
            "required field missing @ $.body.height_m",
            "extra fields found (x) @ $",
        } == set(r.json()["errors"])

    def test_a_rule_of_the_model_is_a_problem(
        self, client: httpx.Client
    ) -> None:
        """A bad argument met while computing is a 422 with its field."""
        r = client.post(
            "/v1/score",
            json={"exercise": "glute-bridge", "body": BODY, "load_kg": 0},
        )
        noload = client.post(
            "/v1/plans",
            json={
                "exercise": "split-squat",
                "body": BODY,
                "phase": "chronic",
                "mode": "strength",
                "start": "2026-03-02",
                "weeks": 60,
            },
        )

        assert 200 == r.status_code
        assert 422 == noload.status_code
        assert "weeks" in noload.json()["detail"]

    def test_unknown_exercise(self, client: httpx.Client) -> None:
        """An unknown slug is 404 in a path, 422 in a body; both suggest."""
        path = client.get("/v1/exercises/split-squa")
        body = client.post(
            "/v1/score", json={"exercise": "split-squa", "body": BODY}
        )

        assert 404 == path.status_code
        assert 422 == body.status_code
        for r in (path, body):
            assert "split-squat" == r.json()["suggestions"][0]
            assert "slug" == r.json()["field"]

    def test_bad_json_and_unknown_path(self, client: httpx.Client) -> None:
        """Text that is not JSON, and paths that do not exist, are problems."""
        bad = client.post("/v1/score", content=b"{nope")
        nan = client.post("/v1/score", content=b'{"load_kg": NaN}')
        missing = client.get("/v2/nothing")

        assert 422 == bad.status_code
        assert bad.json()["errors"][0].startswith("not valid JSON")
        assert 422 == nan.status_code
        assert 404 == missing.status_code
        assert PROBLEM == missing.headers["content-type"]

    def test_limits(self, client: httpx.Client) -> None:
        """Bodies over the size limit get 413; batches over the rows, 422."""
        big = client.post("/v1/score", content=b" " * 300_000)
        rows = [{"exercise": "split-squat"}] * 6
        many = client.post(
            "/v1/score/batch", json={"body": BODY, "rows": rows}
        )

        assert 413 == big.status_code
        assert PROBLEM == big.headers["content-type"]
        assert 422 == many.status_code
        assert "rows" == many.json()["field"]
        assert "at most 5 rows" == many.json()["allowed"]

    def test_streamed_body_over_the_limit(self, base_url: str) -> None:
        """A body without Content-Length is cut off at the limit too."""

        def chunks() -> Iterator[bytes]:
            for _ in range(30):
                yield b" " * 10_000

        with httpx.Client(base_url=base_url, timeout=30) as c:
            r = c.post("/v1/score", content=chunks())

        assert 413 == r.status_code

    def test_responses_match_the_openapi_document(
        self, client: httpx.Client
    ) -> None:
        """Answers and problems match the schemas the document gives."""
        document = client.get("/openapi.json").json()
        cases = [
            ("/health", "get", None),
            ("/v1/exercises/{slug}", "get", "split-squat"),
            ("/v1/exercises/{slug}", "get", "nope"),
            ("/v1/exercises", "get", None),
        ]
        for path, method, slug in cases:
            url = path.replace("{slug}", slug or "")
            check_against_openapi(document, path, method, client.get(url))
        req = {"exercise": "low-bar-back-squat", "body": BODY, "load_kg": 60}
        for extra in ({}, {"exercises": "object"}, {"load_kg": -1}):
            r = client.post("/v1/alternatives", json={**req, **extra})
            check_against_openapi(document, "/v1/alternatives", "post", r)


class TestOpenAPI:
    def test_document(self) -> None:
        """OpenAPI 3.1, every schema valid, every reference resolvable."""
        document = openapi_document()
        text = json.dumps(document)

        assert "3.1.0" == document["openapi"]
        assert "#/$defs/" not in text
        schemas = document["components"]["schemas"]
        for schema in schemas.values():
            jsonschema.Draft202012Validator.check_schema(schema)
        for ref in {
            part.split('"')[0] for part in text.split('"$ref": "')[1:]
        }:
            assert ref.removeprefix("#/components/schemas/") in schemas

    def test_plan_request_documents_its_options(self) -> None:
        """The plan request shows sessions a week (bounded) and the unit."""
        schemas = openapi_document()["components"]["schemas"]
        props = schemas["PlanRequest"]["properties"]

        sessions = props["sessions_per_week"]
        assert (1, 7) == (sessions["minimum"], sessions["maximum"])
        assert sessions["default"] is None
        assert {"integer", "null"} == {p["type"] for p in sessions["anyOf"]}
        assert "kg" == props["unit"]["default"]
        assert props["unit"]["$ref"].endswith("/LoadUnit")
        assert {"kg", "lb"} == set(schemas["LoadUnit"]["enum"])
        assert "sessions_per_week" not in schemas["PlanRequest"]["required"]
        assert "unit" not in schemas["PlanRequest"]["required"]

    def test_schemas_are_backsafes(self) -> None:
        """Result schemas are json_schema()'s, references moved."""
        schemas = openapi_document()["components"]["schemas"]
        expected = bs.json_schema(
            bs.SpinalLoad, ref_template="#/components/schemas/{name}"
        )

        assert (
            expected["properties"]
            == (schemas["SpinalLoadDocument"]["properties"])
        )
        assert (
            expected["$defs"]["LoadContribution"]
            == (schemas["LoadContribution"])
        )
        assert "Problem" in schemas


class TestSchemathesis:
    def test_fuzz_against_its_own_document(self) -> None:
        """schemathesis: no 5xx, every answer matches its schema."""
        pytest.importorskip("schemathesis", reason="needs the tests group")
        with serving(create_app()) as url:
            result = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    RUN_SCHEMATHESIS,
                    "run",
                    f"{url}/openapi.json",
                    *SCHEMATHESIS_OPTIONS,
                ],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )

        assert 0 == result.returncode, result.stdout[-3000:] + result.stderr


class TestServeCommand:
    def test_serve_runs_uvicorn_on_loopback(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """backsafe serve binds 127.0.0.1 by default."""
        seen: dict[str, Any] = {}

        def fake_run(app: object, **kwargs: Any) -> None:
            seen.update(kwargs, app=app)

        monkeypatch.setattr(uvicorn, "run", fake_run)
        monkeypatch.setattr(sys, "stdout", io.StringIO())

        assert 0 == _main.main(["serve", "--port", "8123"])
        assert "127.0.0.1" == seen["host"]
        assert 8123 == seen["port"]
        assert isinstance(seen["app"], FastAPI)

    def test_missing_extra_names_it(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Without the web extra, serve says which extra to install."""
        monkeypatch.setitem(sys.modules, "uvicorn", None)

        assert 2 == _main.main(["serve"])
        assert "pip install 'backsafe[web]'" in capsys.readouterr().err

    def test_serve_for_real(self) -> None:
        """The command serves /health until it is stopped."""
        port = free_port()
        env = {
            **os.environ,
            "PYTHONPATH": str(Path(bs.__file__).parent.parent),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "backsafe", "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    r = httpx.get(f"http://127.0.0.1:{port}/health")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline
                    assert proc.poll() is None
                    time.sleep(0.1)
            assert 200 == r.status_code
        finally:
            proc.terminate()
            proc.wait(timeout=20)


class TestPydantic:
    def test_validate_and_dump(self) -> None:
        """Document[X] reads with from_dict and writes with to_dict."""
        adapter = TypeAdapter(bp.Document[bs.Body])
        body = adapter.validate_python(BODY)

        assert PERSON == body
        assert body is adapter.validate_python(body)
        assert {**BODY, "schema_version": 1, "sex": None} == json.loads(
            adapter.dump_json(body)
        )
        with pytest.raises(ValidationError, match="required field missing"):
            adapter.validate_python({"mass_kg": 80})

    def test_schema_is_backsafes_inlined(self) -> None:
        """The JSON Schema is json_schema()'s, with no references left."""
        schema = TypeAdapter(bp.Document[bs.Posture]).json_schema()

        assert "$ref" not in json.dumps(schema)
        assert ["lean"] == schema["required"]
        assert (
            90.0
            == schema["properties"]["lean"]["properties"]["degrees"]["maximum"]
        )
        items = bp.inline_schema(bs.AlternativeList)["items"]
        assert "schema_version" not in items["required"]

    def test_not_a_backsafe_class(self) -> None:
        """Only backsafe classes can be documents."""

        with pytest.raises(bs.InvalidInputError, match="cls must be"):
            bp.Document[int]

    def test_fastapi_app(self) -> None:
        """A FastAPI app with backsafe types needs no other glue."""

        class Req(BaseModel):
            body: bp.Document[bs.Body]
            posture: bp.Document[bs.Posture]
            note: str = ""

        app = FastAPI()
        bp.add_problem_handlers(app)

        @app.post("/load")
        def load(req: Req) -> bp.Document[bs.SpinalLoad]:
            return bs.spinal_load(req.posture, req.body)

        @app.get("/exercise/{slug}")
        def exercise(slug: str) -> bp.Document[bs.Exercise]:
            return bs.catalog.get(slug)

        good = {"body": BODY, "posture": {"lean": {"degrees": 30}}}
        with serving(app) as url, httpx.Client(base_url=url) as c:
            ok = c.post("/load", json=good)
            bad = c.post(
                "/load",
                json={"body": {**BODY, "mass_kg": 5}, "posture": 1, "note": 2},
            )
            missing = c.get("/exercise/nope")
            schema = c.get("/openapi.json").json()

        assert 200 == ok.status_code
        assert bs.from_dict(ok.json(), bs.SpinalLoad).compression_n > 0
        assert 422 == bad.status_code
        assert PROBLEM == bad.headers["content-type"]
        assert (
            "body.body: Body.mass_kg must be a finite number in [30, 300]"
            " kg, got 5.0 @ $"
        ) in bad.json()["errors"]
        assert (
            "body.note: Input should be a valid string"
            in (bad.json()["errors"])
        )
        assert 404 == missing.status_code
        assert "slug" == missing.json()["field"]
        assert "body.posture: expected an object @ $" in bad.json()["errors"]
        req = schema["components"]["schemas"]["Req"]
        assert (
            300.0
            == req["properties"]["body"]["properties"]["mass_kg"]["maximum"]
        )


class TestProblems:
    def test_plain_values(self) -> None:
        """Values JSON cannot hold are given as their repr."""

        assert "nan" == _plain(float("nan"))
        assert "{1}" == _plain({1})
        assert [1, "a"] == _plain([1, "a"])

    def test_other_errors(self) -> None:
        """A backsafe error without a field is a 422 with its message."""
        doc = from_error(bs.BacksafeError("broken"))

        assert 422 == doc["status"]
        assert "broken" == doc["detail"]
