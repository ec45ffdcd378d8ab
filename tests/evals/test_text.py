"""Phrase matching, the same for Chinese and English."""

from __future__ import annotations

from evals._text import find_phrase, found_phrases, normalise, show


def test_normalise_drops_spacing_punctuation_and_width() -> None:
    assert normalise("３ PM, today!") == "3pmtoday"
    assert normalise("两次 电话，“在处理”。") == "两次电话在处理"


def test_find_phrase_any_alternative_in_both_languages() -> None:
    assert find_phrase(("两次", "2次"), "我打了2次电话") == "2次"
    assert find_phrase(("twice", "two emails"), "After Two Emails, nothing.") == "two emails"
    assert find_phrase(("三天",), "已经一周了") is None


def test_found_phrases_splits_hits_and_misses() -> None:
    hits, misses = found_phrases([("5pm",), ("rent", "landlord"), ("£950",)], "Rent is due by 5 pm")
    assert hits == [("5pm",), ("rent", "landlord")]
    assert misses == [("£950",)]
    assert show(("a", "b")) == "a|b"
