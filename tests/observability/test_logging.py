"""JSON log lines: request id from the context, extra fields, secrets masked."""

from __future__ import annotations

import json
import logging

from service.observability import JsonFormatter, RequestInfo, close_request, open_request, register_secret, scrub


def _line(record: logging.LogRecord) -> dict[str, object]:
    out: dict[str, object] = json.loads(JsonFormatter().format(record))
    return out


def test_a_line_is_json_with_the_request_id_and_fields() -> None:
    token = open_request(RequestInfo(request_id="rid-7", method="POST", path="/rewrite"))
    try:
        record = logging.LogRecord("tactful.x", logging.INFO, __file__, 1, "hello %s", ("世界",), None)
        record.route = "/rewrite"
        line = _line(record)
    finally:
        close_request(token)
    assert line["msg"] == "hello 世界" and line["request_id"] == "rid-7" and line["route"] == "/rewrite"
    assert line["level"] == "info" and line["logger"] == "tactful.x" and str(line["ts"]).endswith("Z")


def test_registered_secrets_are_masked_everywhere() -> None:
    secret = "sk-provider-5e4d3c2b1a"
    register_secret(secret)
    register_secret("abc")  # too short to mask safely: ignored
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "call failed with key %s", (secret,), None)
    record.body = f"Incorrect API key provided: {secret}"
    text = JsonFormatter().format(record)
    assert secret not in text and text.count("***") == 2
    assert scrub(f"x {secret} y") == "x *** y" and scrub("abc") == "abc"
