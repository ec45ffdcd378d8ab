from service.phrasing import clauses, end_with, sentences
from service.phrasing._clauses import decapitalize, join_sentences


def test_numbers_with_commas_and_decimals_do_not_split() -> None:
    assert [c.text for c in clauses("账单12,680元，还有三天到期。")] == ["账单12,680元，", "还有三天到期。"]
    assert [c.text for c in clauses("The fee is £6.50, charged twice.")] == ["The fee is £6.50, charged twice."]


def test_english_commas_split_only_between_real_clauses() -> None:
    text = "Please wait 48 hours as parcels sometimes arrive later, and check with your neighbours."
    assert [c.text for c in clauses(text)] == [
        "Please wait 48 hours as parcels sometimes arrive later,",
        "and check with your neighbours.",
    ]
    assert len(clauses("Yes, go to Orders.")) == 1


def test_clause_offsets_point_into_the_text() -> None:
    text = "您好，退款正在处理。请耐心等待。"
    for c in clauses(text):
        assert text[c.start : c.end] == c.text


def test_sentences_and_end_marks() -> None:
    assert sentences("One. Two! 三。四？") == ["One.", "Two!", "三。", "四？"]
    assert end_with("退款正在处理，", "zh") == "退款正在处理。"
    assert end_with("about 20 minutes (by phone)", "en") == "about 20 minutes (by phone)."
    assert end_with("He said “done.”", "en") == "He said “done.”"
    assert join_sentences(["A", "B."], "en") == "A. B."
    assert join_sentences(["甲", "乙。"], "zh") == "甲。乙。"


def test_decapitalize_keeps_acronyms_and_i() -> None:
    assert decapitalize("Your bill") == "your bill"
    assert decapitalize("CSV export") == "CSV export"
    assert decapitalize("I'll call") == "I'll call"
