from service.verify._text import compact, en_units, has_cjk, normalize, units, zh_units


def test_normalize_full_width_and_spaces() -> None:
    assert normalize("  １２００元 ， it’s\n ok ") == "1200元 , it's ok"


def test_compact_ignores_case_space_and_punctuation() -> None:
    assert compact("Order #A-7731!") == "ordera7731"


def test_english_units_drop_stopwords_and_stem() -> None:
    assert en_units("I've contacted you twice and nobody answered") == {"contact", "2", "nobody", "answer"}
    assert en_units("I'm so sorry, I understand how frustrating this is") == set()


def test_chinese_units_are_content_bigrams() -> None:
    found = zh_units("您的退款还没到账")
    assert {"退款", "到账"} <= found
    assert "还没" not in found  # no content
    assert zh_units("联系了两次") == zh_units("联系2次")


def test_units_choose_script() -> None:
    assert has_cjk("退款") and not has_cjk("refund")
    assert units("退款到账") == zh_units("退款到账")
    assert units("refund arrived") == {"refund", "arriv"}
