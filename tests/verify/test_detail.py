from service.verify._detail import items, parse_items, quote


def test_items_round_trip_without_duplicates() -> None:
    detail = "unsupported: " + items(["$500", "voucher", "$500"])
    assert detail == "unsupported: «$500», «voucher»"
    assert parse_items(detail) == ["$500", "voucher"]


def test_quote_neutralises_guillemets_inside_items() -> None:
    assert parse_items(quote("a «b» c")) == ['a "b" c']
