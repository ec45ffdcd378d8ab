"""Test doubles that run as real servers on loopback: a fake OpenAI-compatible model endpoint."""

from tests.fakes._canned import CANNED, EN_SCENARIO, ZH_SCENARIO
from tests.fakes._serve import serve_in_thread
from tests.fakes.openai_server import Call, FakeOpenAI

__all__ = ["CANNED", "EN_SCENARIO", "ZH_SCENARIO", "Call", "FakeOpenAI", "serve_in_thread"]
