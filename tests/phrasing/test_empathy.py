import pytest

from service.phrasing import clean_situation, empathy_sentence, situation_problem
from service.phrasing._empathy import GRIEF

MESSAGE = "我4月2号退的货，仓库4月5号就签收了，到现在钱还没退回来。前后打了两次电话，到底要等到什么时候？"


def test_a_good_summary_sits_in_the_frame() -> None:
    s = clean_situation("退货4月5日就签收了，退款到现在还没到，电话也打了两次", "zh")
    assert situation_problem(s, MESSAGE, "", "zh") is None
    sentence = empathy_sentence(s, "frustration", "zh", seed="x")
    assert sentence.startswith(s + "，") and sentence.endswith("。")


@pytest.mark.parametrize(
    ("summary", "why"),
    [
        ("顾客反映退款没到", "talks about the customer"),
        ("到底要等到什么时候？", "question"),
        ("退款800元还没到", "figure"),
        ("我4月2号退的货，仓库4月5号就签收了，到现在钱还没退回来", "copies"),
        ("请您耐心等待退款到账", "tells the customer"),
    ],
)
def test_bad_summaries_are_refused(summary: str, why: str) -> None:
    problem = situation_problem(clean_situation(summary, "zh"), MESSAGE, "", "zh")
    assert problem is not None and why in problem


def test_customer_first_person_is_turned_around() -> None:
    assert clean_situation("my bill is £212 instead of £38!", "en") == "your bill is £212 instead of £38"


def test_english_frames_capitalise_by_position() -> None:
    s = "the old filter left behind after the repair"
    assert empathy_sentence(s, "frustration", "en", seed="a").startswith("The old filter left behind")
    text = empathy_sentence(s, "satisfaction", "en", seed="a")
    assert "! The old filter" in text


def test_without_a_situation_the_plain_frame_has_no_stock_phrase() -> None:
    text = empathy_sentence(None, "anxiety", "zh", seed="x")
    assert text and "不便" not in text and "谅解" not in text


@pytest.mark.parametrize(
    "text",
    [
        "我爸上个月走了，他的手机号还在每月扣费。",
        "外婆已经不在了，这张卡是她的。",
        "We scattered her ashes on Sunday and the plaque still has the wrong name.",
        "The flowers were for my father's funeral and they came a day late.",
        "奶奶的追悼会定在周六。",
    ],
)
def test_grief_is_recognised(text: str) -> None:
    assert GRIEF.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "师傅上门看了一眼说要找物业，然后就走了，再没人管。",
        "快递员放下东西就走了，也没让我签字。",
        "这件事不在了解范围内吗？",
    ],
)
def test_someone_leaving_is_not_a_death(text: str) -> None:
    assert not GRIEF.search(text)
