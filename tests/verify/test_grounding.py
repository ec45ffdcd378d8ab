import pytest

from service.verify import grounded_details
from service.verify._grounding import is_specific, overlap, shared_specifics

MESSAGE_ZH = "我昨天上午10点申请的退款到现在还没到账，已经联系你们两次了都没人回复！"
MESSAGE_EN = (
    "I asked for a refund of $45.99 yesterday and it still hasn't arrived. "
    "I've contacted you twice already and nobody answered."
)


def test_details_that_appear_verbatim_are_grounded() -> None:
    assert grounded_details(["申请的退款"], [MESSAGE_ZH]) == ["申请的退款"]
    assert grounded_details(["$45.99"], [MESSAGE_EN]) == ["$45.99"]


@pytest.mark.parametrize(
    "detail",
    ["昨天申请的退款还没到账", "联系了两次没人回复", "退款10点申请"],
)
def test_chinese_paraphrases_share_enough_bigrams(detail: str) -> None:
    assert grounded_details([detail], [MESSAGE_ZH]) == [detail]


@pytest.mark.parametrize(
    "detail",
    ["refund requested yesterday has not arrived", "contacted twice with no answer", "a 45.99 dollar refund"],
)
def test_english_paraphrases_share_enough_content_words(detail: str) -> None:
    assert grounded_details([detail], [MESSAGE_EN]) == [detail]


@pytest.mark.parametrize(
    ("detail", "sources"),
    [
        ("宽带断网三小时", [MESSAGE_ZH]),
        ("信用卡逾期影响征信", [MESSAGE_ZH]),
        ("broadband down for three hours", [MESSAGE_EN]),
        ("contacted three times", [MESSAGE_EN]),  # the number disagrees
        ("", [MESSAGE_EN]),
        ("refund", []),
    ],
)
def test_invented_details_are_not_grounded(detail: str, sources: list[str]) -> None:
    assert grounded_details([detail], sources) == []


def test_grounding_uses_history_too() -> None:
    details = ["third outage this month", "down since 8am"]
    sources = ["It is down again!", "This is the third outage this month and it has been down since 8am."]
    assert grounded_details(details, sources) == details


def test_numbers_are_compared_by_value_across_languages() -> None:
    assert overlap("联系了两次", ["I contacted them 2 times"]) > 0
    assert grounded_details(["两次"], ["contacted twice"]) == ["两次"]


def test_order_of_details_is_kept() -> None:
    details = ["没人回复", "宽带断网", "申请的退款"]
    assert grounded_details(details, [MESSAGE_ZH]) == ["没人回复", "申请的退款"]


@pytest.mark.parametrize(
    ("detail", "specific"),
    [
        ("refund", False),
        ("退款", False),
        ("refund not arrived", True),
        ("退款还没到账", True),
        ("3 hours", True),
        ("两次", True),
    ],
)
def test_specific_needs_a_number_or_two_content_units(detail: str, specific: bool) -> None:
    assert is_specific(detail) is specific


def test_shared_specifics_need_more_than_a_topic_word() -> None:
    assert shared_specifics("I understand your refund worries.", [MESSAGE_EN]) == []
    assert shared_specifics("等了这么久的退款还没到账，又联系不上人", [MESSAGE_ZH]) != []
    assert shared_specifics("you contacted us twice", [MESSAGE_EN]) == ["twice"]


def test_a_contradicted_number_ungrounds_the_detail() -> None:
    assert overlap("contacted three times", [MESSAGE_EN]) == 0.0
    assert overlap("联系了三次", [MESSAGE_ZH]) == 0.0
    assert overlap("联系了两次", [MESSAGE_ZH]) == 1.0
