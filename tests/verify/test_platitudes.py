from pathlib import Path

import pytest
import yaml

from service.errors import ConfigError
from service.verify import find_platitudes
from service.verify._platitudes import _phrases, load_platitudes, strip_platitudes

DATA = Path(__file__).resolve().parents[2] / "service" / "data" / "platitudes.yaml"


def test_data_file_has_enough_phrases_per_language() -> None:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert len(raw["en"]) >= 15
    assert len(raw["zh"]) >= 15
    loaded = load_platitudes()
    assert len(loaded.patterns) == len(raw["en"]) + len(raw["zh"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We're sorry for any inconvenience.", ["sorry for any inconvenience"]),
        ("SORRY FOR THE INCONVENIENCE", ["SORRY FOR THE INCONVENIENCE"]),
        ("We value your feedback and will look into it.", ["We value your feedback"]),
        ("Please be patient while we check.", ["Please be patient"]),
        ("Your call is important to us.", ["Your call is important to us"]),
        ("We take your concerns very seriously.", ["We take your concerns very seriously"]),
        ("we're doing our best", ["we're doing our best"]),
        ("We are doing our best", ["We are doing our best"]),
        (
            "Sorry for any inconvenience this may have caused. Thank you for your patience!",
            ["Sorry for any inconvenience this may have caused", "Thank you for your patience"],
        ),
    ],
)
def test_english_phrases(text: str, expected: list[str]) -> None:
    assert find_platitudes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("给您带来不便，敬请谅解。", ["给您带来不便", "敬请谅解"]),
        ("给您带来的不便", ["给您带来的不便"]),  # particle inside the phrase
        ("给你带来了不便", ["给你带来了不便"]),  # 你 for 您
        ("敬 请 谅 解", ["敬 请 谅 解"]),  # spacing
        ("请您耐心等待", ["请您耐心等待"]),  # optional character
        ("我们非常重视您的反馈", ["我们非常重视您的反馈"]),  # overlapping phrases merge
        ("我非常重视这个问题", ["我非常重视"]),
        ("感谢您耐心等待", ["感谢您耐心"]),  # 的 may be left out
        ("您的反馈对我们非常重要", ["您的反馈对我们非常重要"]),
    ],
)
def test_chinese_phrases_tolerate_variants(text: str, expected: list[str]) -> None:
    assert find_platitudes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "您昨天申请的退款还没到账，我今天18:00前给您回电。",
        "I will call you before 6pm today with the arrival date.",
        "这张卡不方便带出门",  # 不便 only inside the fixed phrases counts
        "I understand the refund for order A7731 has not arrived.",
        "",
    ],
)
def test_specific_text_has_no_platitudes(text: str) -> None:
    assert find_platitudes(text) == []


def test_strip_platitudes_keeps_the_specific_part() -> None:
    residue = strip_platitudes("给您带来的不便敬请谅解，您的宽带从早上8点断到现在。")
    assert "不便" not in residue and "谅解" not in residue
    assert "宽带从早上8点断到现在" in residue


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (None, "en"),
        ({"en": ["x"]}, "zh"),
        ({"en": "sorry", "zh": []}, "en"),
        ({"en": ["ok"], "zh": [""]}, "zh"),
    ],
)
def test_malformed_phrase_lists_are_config_errors(raw: object, key: str) -> None:
    with pytest.raises(ConfigError):
        _phrases(raw, key)
