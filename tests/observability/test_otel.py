"""OpenTelemetry: with OTEL_EXPORTER_OTLP_ENDPOINT set, spans reach an OTLP/HTTP collector (one on loopback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from service.api.main import create_app
from service.llm import FakeGenerator
from service.observability import Tracing
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS
from tests.fakes import serve_in_thread


def _collector(spans: list[dict[str, Any]]) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/traces")
    async def traces(request: Request) -> Response:
        export = ExportTraceServiceRequest()
        export.ParseFromString(await request.body())
        for resource in export.resource_spans:
            service = next(a.value.string_value for a in resource.resource.attributes if a.key == "service.name")
            for scope in resource.scope_spans:
                for span in scope.spans:
                    attributes = {a.key: a.value for a in span.attributes}
                    spans.append({"service": service, "name": span.name, "trace": span.trace_id.hex(),
                                  "parent": span.parent_span_id.hex(), "id": span.span_id.hex(),
                                  "attributes": attributes})
        return Response(status_code=200)

    return app


def test_requests_and_model_calls_become_spans(tmp_path: Path) -> None:
    spans: list[dict[str, Any]] = []
    with serve_in_thread(_collector(spans)) as collector:
        settings = Settings(model="openai/test-model", home=tmp_path, chain_mode="full",
                            OTEL_EXPORTER_OTLP_ENDPOINT=collector)  # type: ignore[call-arg]
        fake = FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})
        app = create_app(settings, generate=fake)
        with TestClient(app) as client:
            resp = client.post("/rewrite", json=zh_body(), headers={"X-Request-ID": "otel-1"})
            assert resp.status_code == 200
            app.state.tracing.flush()
    server = [s for s in spans if s["name"] == "POST /rewrite"]
    assert len(server) == 1 and server[0]["service"] == "tactful"
    attrs = server[0]["attributes"]
    assert attrs["tactful.request_id"].string_value == "otel-1"
    assert attrs["http.response.status_code"].int_value == 200
    assert attrs["tactful.degraded"].bool_value is False
    calls = [s for s in spans if s["name"].startswith("model ")]
    assert {s["name"] for s in calls} >= {"model read", "model compose"}
    assert all(s["trace"] == server[0]["trace"] and s["parent"] == server[0]["id"] for s in calls)
    assert all(s["attributes"]["gen_ai.request.model"].string_value == "openai/test-model" for s in calls)


def test_tracing_is_off_without_an_endpoint(tmp_path: Path) -> None:
    tracing = Tracing.from_settings(Settings(home=tmp_path))
    assert not tracing.enabled
    fake = FakeGenerator()
    assert tracing.wrap(fake) is fake
