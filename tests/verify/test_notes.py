import pytest

from service.schemas import Check
from service.verify import CHECK_NAMES, revision_notes
from service.verify._detail import items


def _failed(name: str, detail: str) -> Check:
    return Check(name=name, passed=False, detail=detail)


def test_only_failed_checks_get_a_note() -> None:
    checks = [
        Check(name="language_match", passed=True, detail="reply is in zh"),
        _failed("no_platitudes", "generic phrases in the reply: " + items(["给您带来的不便"])),
    ]
    assert revision_notes(checks, "zh") == ["删掉套话“给您带来的不便”，换成针对这位客户具体情况的话。"]
    assert revision_notes([], "en") == []


def test_unsupported_claims_note_quotes_the_items_in_english() -> None:
    check = _failed(
        "no_unsupported_claims", "numbers: " + items(["$500"]) + "; compensation: " + items(["voucher"])
    )
    (note,) = revision_notes([check], "en")
    assert note.startswith('Remove "$500", "voucher":')


def test_length_note_gives_the_numbers() -> None:
    check = _failed("length_budget", "«412» characters, over the limit of «400» (chat, zh)")
    assert revision_notes([check], "zh") == ["把回复缩短到400字以内（现在412字），保留事实和计划。"]
    assert revision_notes([check], "en") == [
        "Shorten the reply to at most 400 characters (it has 412); keep the facts and the plan."
    ]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_check_has_a_note_in_both_languages(language: str) -> None:
    checks = [_failed(name, "x " + items(["18:00"]) + " " + items(["400"])) for name in CHECK_NAMES]
    notes = revision_notes(checks, language)  # type: ignore[arg-type]
    assert len(notes) == len(CHECK_NAMES)
    assert all(note and "{" not in note for note in notes)
    has_chinese = [any("\u4e00" <= ch <= "\u9fff" for ch in note) for note in notes]
    assert all(has_chinese) if language == "zh" else not any(has_chinese)


def test_unknown_check_falls_back_to_its_detail() -> None:
    assert revision_notes([_failed("tone", "too formal")], "en") == ["Fix this: too formal"]
    assert revision_notes([_failed("tone", "too formal")], "zh") == ["请修正：too formal"]
