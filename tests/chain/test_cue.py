"""The keyword reading that checks the model's emotion label (service/chain/_cue.py)."""

import pytest

from service.chain._cue import read_cues, reconcile


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("你好，想问一下宽带套餐明年还能续约吗？价格会变吗？谢谢。", "zh"),
        ("Hi, can I move my dentist appointment to a Saturday? Many thanks, Priya Shah", "en"),
        ("Quick question: is parking included with the room? Thank you!", "en"),
    ],
)
def test_a_question_signed_off_with_thanks_is_not_praise(text: str, language: str) -> None:
    cues = read_cues(text, language)  # type: ignore[arg-type]
    assert cues.scores["satisfaction"] == 0
    assert reconcile("satisfaction", 2, cues)[0] == "neutral"


def test_real_praise_still_reads_as_satisfaction() -> None:
    cues = read_cues("谢谢你们，师傅很专业，装得又快又好！", "zh")
    assert cues.scores["satisfaction"] >= 3
    assert reconcile("satisfaction", 2, cues)[0] == "satisfaction"


def test_a_plain_question_with_no_feeling_reads_as_neutral() -> None:
    cues = read_cues("您好，我们想把两个固定车位换成月租车位，想确认一下费用怎么算？押金可以直接抵扣吗？", "zh")
    assert reconcile("helplessness", 3, cues)[0] == "neutral"
    worried = read_cues("我真的很担心，怕押金退不回来，这几天都睡不着，想确认一下费用怎么算？", "zh")
    assert reconcile("anxiety", 3, worried)[0] == "anxiety"
