import pytest

from service.schemas import Check, Finding
from service.verify import CHECK_NAMES, revision_notes


def _failed(name: str, *found: Finding, detail: str = "") -> Check:
    return Check(name=name, passed=False, detail=detail, findings=list(found))


def test_only_failed_checks_get_a_note() -> None:
    checks = [
        Check(name="language_match", passed=True, detail="reply is in zh"),
        _failed("no_platitudes", Finding(kind="platitude", text="给您带来的不便")),
    ]
    assert revision_notes(checks, "zh") == ["删掉套话“给您带来的不便”，换成针对这位客户具体情况的话。"]
    assert revision_notes([], "en") == []


def test_notes_quote_the_findings_not_the_detail() -> None:
    check = _failed(
        "no_unsupported_claims",
        Finding(kind="unsupported_figure", text="$500"),
        Finding(kind="unsupported_compensation", text="voucher", source="voucher"),
        detail="something «else» entirely",
    )
    (note,) = revision_notes([check], "en")
    assert note.startswith('Remove "$500", "voucher":')


def test_plan_note_quotes_problems_but_not_the_names_of_empty_fields() -> None:
    check = _failed(
        "plan_complete",
        Finding(kind="empty_field", text="measure", where="plan", source="step 1"),
        Finding(kind="vague_deadline", text="尽快", where="plan", source="step 1"),
    )
    (note,) = revision_notes([check], "zh")
    assert note.endswith("（问题：“尽快”）。") and "measure" not in note


def test_length_note_gives_the_numbers() -> None:
    check = _failed("length_budget", Finding(kind="too_long", text="412", source="400"))
    assert revision_notes([check], "zh") == ["把回复缩短到400字以内（现在412字），保留事实和计划。"]
    assert revision_notes([check], "en") == [
        "Shorten the reply to at most 400 characters (it has 412); keep the facts and the plan."
    ]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_check_has_a_note_in_both_languages(language: str) -> None:
    found = (Finding(kind="x", text="18:00"), Finding(kind="too_long", text="412", source="400"))
    checks = [_failed(name, *found, detail="x") for name in CHECK_NAMES]
    notes = revision_notes(checks, language)  # type: ignore[arg-type]
    assert len(notes) == len(CHECK_NAMES)
    assert all(note and "{" not in note for note in notes)
    has_chinese = [any("\u4e00" <= ch <= "\u9fff" for ch in note) for note in notes]
    assert all(has_chinese) if language == "zh" else not any(has_chinese)


def test_unknown_check_falls_back_to_its_detail() -> None:
    assert revision_notes([_failed("tone", detail="too formal")], "en") == ["Fix this: too formal"]
    assert revision_notes([_failed("tone", detail="too formal")], "zh") == ["请修正：too formal"]
