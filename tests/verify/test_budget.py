from typing import get_args

from service.schemas import Channel, Language
from service.verify import LENGTH_BUDGETS
from service.verify._budget import length_limit, reply_length


def test_every_channel_and_language_has_a_budget() -> None:
    assert set(LENGTH_BUDGETS) == set(get_args(Channel))
    for budgets in LENGTH_BUDGETS.values():
        assert set(budgets) == set(get_args(Language))


def test_budgets_from_the_brief() -> None:
    assert LENGTH_BUDGETS["sms"] == {"zh": 134, "en": 300}
    assert LENGTH_BUDGETS["chat"] == {"zh": 400, "en": 900}
    for channel in ("email", "phone"):
        for language in ("zh", "en"):
            assert LENGTH_BUDGETS[channel][language] > LENGTH_BUDGETS["chat"][language]


def test_limit_is_the_tighter_of_channel_and_option() -> None:
    assert length_limit("chat", "zh", None) == 400
    assert length_limit("chat", "zh", 120) == 120
    assert length_limit("sms", "zh", 1000) == 134


def test_reply_length_ignores_surrounding_whitespace() -> None:
    assert reply_length("  您好！\n") == 3
