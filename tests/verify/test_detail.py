import re

from service.verify._detail import found_at, items, located, quote


def test_items_quote_each_value_once_in_order() -> None:
    assert "unsupported: " + items(["$500", "voucher", "$500"]) == "unsupported: «$500», «voucher»"


def test_quote_neutralises_guillemets_inside_items() -> None:
    assert quote("a «b» c") == '«a "b" c»'


def test_found_at_trims_the_match_and_keeps_the_span_on_the_text() -> None:
    reply = "好的。 ，后续再说"
    m = re.search(r"\s+[，。]", reply)
    assert m is not None
    finding = found_at("punctuation", m)
    assert finding.text == "，" and finding.span == (4, 5)
    assert reply[slice(*finding.span)] == finding.text


def test_found_at_with_a_group_and_an_offset() -> None:
    text = "  Best regards,\nJohn Smith"
    m = re.search(r"regards,\n(?P<name>.+)$", text.strip())
    assert m is not None
    finding = found_at("identity", m, group="name", offset=2)
    assert finding.text == "John Smith" and text[slice(*finding.span)] == "John Smith"  # type: ignore[misc]


def test_located_has_a_span_only_when_the_text_is_there() -> None:
    assert located("unsupported_figure", "$500", "pay $500 now").span == (4, 8)
    assert located("lost_id", "A7731", "no id here").span is None
