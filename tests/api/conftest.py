from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.llm import FakeGenerator
from service.settings import Settings
from tests.chain.conftest import ZH_OUTPUTS


@pytest.fixture
def api_settings(tmp_path: Path) -> Settings:
    return Settings(model="openai/test-model", home=tmp_path, max_input_chars=2000)


@pytest.fixture
def fake() -> FakeGenerator:
    return FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})


@pytest.fixture
def client(api_settings: Settings, fake: FakeGenerator) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings, generate=fake)) as c:
        yield c


def zh_body(**over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "customer_message": "我上周三申请的退款到现在都没到账，打了两次电话都说在处理，你们到底管不管？",
        "draft": "您好，退款正在处理中，请耐心等待。",
        "policy": ["退款审核通过后1-3个工作日原路退回", "客服可提交加急工单，财务24小时内回复"],
    }
    body.update(over)
    return body
