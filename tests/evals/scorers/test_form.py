from __future__ import annotations

from evals import GoldenCase
from evals.scorers import LENGTH_BUDGETS, language_match, length_budget, length_limit
from tests.evals.conftest import response


def test_language_match_both_ways(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    assert language_match(zh_case, response(zh_case, "您的退款我来跟进。")).passed
    wrong = language_match(zh_case, response(zh_case, "I will chase your refund today."))
    assert not wrong.passed and "reply is en" in wrong.explanation
    assert language_match(en_case, response(en_case, "I will chase your refund.")).passed
    assert not language_match(en_case, response(en_case, "我会跟进您的退款。")).passed


def test_length_budget_by_channel_and_language(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    zh_limit, en_limit = length_limit(zh_case), length_limit(en_case)
    assert zh_limit < en_limit  # Chinese is denser: the chat budget is smaller
    assert length_budget(zh_case, response(zh_case, "好" * zh_limit)).passed
    over = length_budget(zh_case, response(zh_case, "好" * (zh_limit * 2)))
    assert not over.passed and over.value == 0.5 and f"limit {zh_limit}" in over.explanation
    assert not length_budget(en_case, response(en_case, "x" * (en_limit + 1))).passed


def test_max_length_option_tightens_the_budget(en_case: GoldenCase) -> None:
    data = en_case.model_dump()
    data["request"]["options"] = {"max_length": 100}
    tight = GoldenCase.model_validate(data)
    assert length_limit(tight) == 100
    assert not length_budget(tight, response(tight, "y" * 101)).passed


def test_budgets_restate_the_products_contract() -> None:
    """The ruler keeps its own copy of the budgets; it must say what the product's contract says."""
    from service.verify import LENGTH_BUDGETS as product_budgets

    assert product_budgets == LENGTH_BUDGETS
