"""Model gateway: one protocol (:class:`Generator`), a litellm implementation, a fake.

``ALLOW_MODEL_REQUESTS`` (see :func:`set_model_requests`) forbids real calls in tests.
"""

from service.llm._fake import FakeGenerator
from service.llm._litellm import LiteLLMGenerator
from service.llm._structured import Structured, extract_json, generate_structured, schema_for
from service.llm._switch import model_requests_allowed, override_model_requests, set_model_requests
from service.llm._types import GenerateRequest, GenerateResult, Generator, ModelTarget

__all__ = [
    "FakeGenerator",
    "GenerateRequest",
    "GenerateResult",
    "Generator",
    "LiteLLMGenerator",
    "ModelTarget",
    "Structured",
    "extract_json",
    "generate_structured",
    "model_requests_allowed",
    "override_model_requests",
    "schema_for",
    "set_model_requests",
]
