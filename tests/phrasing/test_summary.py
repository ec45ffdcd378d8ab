"""Restating the customer's situation (service/phrasing/_summary.py): sentences written for these tests."""

from service.phrasing._clauses import sentences
from service.phrasing._summary import _join, _score, _unbalanced, candidates


def test_a_title_or_abbreviation_does_not_end_a_sentence() -> None:
    text = "Dr. Patel said it would be quick. Est. of $90 was on the form. Then the bill came."
    assert sentences(text) == [
        "Dr. Patel said it would be quick.",
        "Est. of $90 was on the form.",
        "Then the bill came.",
    ]


def test_a_bracket_cut_open_is_not_a_restatement() -> None:
    assert _unbalanced("you paid for the repair (two visits")
    assert _unbalanced("您买的是套餐（含安装")
    assert not _unbalanced("you paid for the repair (two visits) in March")


def test_a_clause_led_by_a_reference_number_scores_below_what_happened() -> None:
    assert _score("订单号KD20240611，周三从苏州发出", "zh") < _score("周三从苏州发出的，周五开标必须用", "zh")
    assert _score("Order #B-2291 was placed on Monday", "en") < _score("my daughter's cast comes off on Monday", "en")


def test_names_and_days_keep_their_capital_inside_a_restatement() -> None:
    joined = _join(["Your tutor left in week 3", "Sam's exam is on Friday"], "en")
    assert "Sam's exam" in joined
    joined = _join(["Your boiler broke", "Tuesday's visit never happened"], "en")
    assert "Tuesday's visit" in joined
    joined = _join(["You booked two rooms", "You've called three times"], "en")
    assert "you've called" in joined


def test_candidates_do_not_start_with_a_reference_number() -> None:
    found = candidates(["运单号SF1234 5678 901", "6月3日从杭州寄出", "明天上午10点前必须送到招标方"], "zh")
    assert found and not found[0].startswith("运单号")
