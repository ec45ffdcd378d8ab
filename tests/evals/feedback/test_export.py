"""Export: feedback the agent stood behind becomes golden cases the eval suite loads as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from evals._dataset import GoldenFile
from evals.feedback import NoCase, export_feedback, golden_case
from evals.feedback._golden import case_id, common_pieces
from service.feedback import FeedbackRecord, FeedbackStore
from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings
from tests.feedback.conftest import feedback, rid

Run = tuple[RewriteRequest, RewriteResponse]


def _record(store: FeedbackStore, run: Run, **fields: Any) -> FeedbackRecord:
    record = store.get(store.save(feedback(run, **fields), "anonymous").id)
    assert record is not None
    return record


def test_an_accepted_edit_becomes_a_case_with_grounded_fields(store: FeedbackStore, zh_run: Run) -> None:
    edited = zh_run[1].reply + "有任何变化我会第一时间告诉您。"
    record = _record(store, zh_run, id="zh-edit-01", rating="up", accepted=True, final_reply=edited,
                     reason="加了跟进")
    case = golden_case(record)
    assert case["id"] == case_id(record) and case["id"].startswith("feedback-rw-")
    assert case["language"] == "zh" and case["emotions"] == ["frustration"]
    assert case["reference"] == edited
    assert case["request"]["customer_message"] == zh_run[0].customer_message
    assert set(case["tags"]) == {"feedback", "chat", "rated-up", "accepted", "edited"}
    customer = zh_run[0].customer_message
    assert case["details"] and all(d in customer for d in case["details"])
    assert "加急工单" in case["need"][0], "the need is what the first plan step does"
    assert "加了跟进" in case["notes"]


def test_english_case_keeps_the_drafts_figures(store: FeedbackStore, en_run: Run) -> None:
    request, response = en_run
    run = (request.model_copy(update={"draft": "Engineers are working on the outage; updates every 6 hours."}),
           response)
    case = golden_case(_record(store, run, accepted=True))
    assert case["keep"] == ["6 hours"]
    assert "edited" not in case["tags"] and "accepted" in case["tags"]
    assert case["reference"] == response.reply


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"rating": "down", "reason": "too stiff"}, "not accepted and not rated up"),
        ({"rating": "up", "final_reply": "{draft}"}, "unchanged draft"),
    ],
)
def test_records_that_give_no_case(store: FeedbackStore, zh_run: Run, fields: dict[str, str], why: str) -> None:
    fields = {k: v.replace("{draft}", zh_run[0].draft) for k, v in fields.items()}
    with pytest.raises(NoCase, match=why):
        golden_case(_record(store, zh_run, **fields))


def test_a_degraded_run_without_emotion_gives_no_case(store: FeedbackStore, zh_run: Run) -> None:
    degraded = zh_run[1].model_copy(update={"emotion": None, "degraded": True})
    with pytest.raises(NoCase, match="no emotion"):
        golden_case(_record(store, (zh_run[0], degraded), accepted=True, final_reply="我自己改写的一段回复内容。"))


def test_export_writes_a_golden_file_the_eval_suite_loads(settings: Settings, store: FeedbackStore,
                                                        zh_run: Run, en_run: Run, tmp_path: Path) -> None:
    store.save(feedback(zh_run, id="keep-zh-1", rating="up"), "anonymous")
    store.save(feedback(en_run, id="keep-en-1", accepted=True, final_reply=en_run[1].reply + "\nP.S. Thanks."),
               "page")
    store.save(feedback(en_run, id="drop-en-1", rating="down"), "anonymous")
    out = tmp_path / "golden" / "feedback.yaml"
    summary = export_feedback(settings, out)
    assert summary.cases == 2 and summary.skipped == {rid("drop-en-1"): "not accepted and not rated up"}
    assert "exported 2 golden case(s)" in summary.describe()
    golden = GoldenFile.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    assert golden.theme == "feedback"
    ids = [c.id for c in golden.cases]
    assert ids[0] == f"feedback-{rid('keep-zh-1')}".replace("_", "-")[:64]
    assert ids[1].startswith("feedback-page-rw-")
    assert golden.cases[1].reference.endswith("P.S. Thanks.")


def test_export_to_stdout(settings: Settings, store: FeedbackStore, zh_run: Run,
                          capsys: pytest.CaptureFixture[str]) -> None:
    store.save(feedback(zh_run, id="stdout-01", rating="up"), "anonymous")
    summary = export_feedback(settings)
    data = yaml.safe_load(capsys.readouterr().out)
    assert summary.out is None and len(data["cases"]) == 1


def test_export_of_an_empty_store(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    summary = export_feedback(settings)
    assert summary.cases == 0 and yaml.safe_load(capsys.readouterr().out) == {"theme": "feedback", "cases": []}


def test_common_pieces_of_need_and_reply() -> None:
    assert common_pieces("确切知道退款什么时候到账", "退款会在3天内到账") == ["退款", "到账"]
    assert common_pieces("get the connection back", "Your connection is back today") == ["connection", "back"]
    assert common_pieces("完全无关", "退款已处理") == []


def test_export_masks_personal_data_everywhere(settings: Settings, store: FeedbackStore, zh_run: Run,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    request, response = zh_run
    pii = "我的手机13812345678，邮箱li.ming@example.com，卡号6222 0212 3456 7890 128，身份证110105199003071234。"
    run = (request.model_copy(update={"customer_message": request.customer_message + pii}), response)
    final = response.reply + "如有问题请拨打我的座机010-12345678。"
    store.save(feedback(run, id="pii", accepted=True, final_reply=final, reason="客户电话13812345678"), "anonymous")
    export_feedback(settings)
    text = capsys.readouterr().out
    for secret in ("13812345678", "li.ming@example.com", "6222 0212 3456 7890 128", "110105199003071234",
                   "010-12345678"):
        assert secret not in text
    case = yaml.safe_load(text)["cases"][0]
    assert "[phone]" in case["request"]["customer_message"] and "[email]" in case["request"]["customer_message"]
    assert "[card]" in case["request"]["customer_message"] and "[id]" in case["request"]["customer_message"]
    assert case["reference"].endswith("[phone]。") and "[phone]" in case["notes"]
    assert "1-3个工作日" in case["request"]["policy"][0], "figures that are not personal stay"
