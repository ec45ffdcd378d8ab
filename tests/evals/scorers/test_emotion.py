from __future__ import annotations

from evals import GoldenCase
from evals.scorers import emotion_match
from tests.evals.conftest import response


def test_accepted_label_in_chinese(zh_case: GoldenCase) -> None:
    score = emotion_match(zh_case, response(zh_case, "回复", emotion="anger"))
    assert score.passed and score.value == 1.0 and "anger" in score.explanation


def test_wrong_label_in_english(en_case: GoldenCase) -> None:
    score = emotion_match(en_case, response(en_case, "reply", emotion="satisfaction"))
    assert not score.passed and score.value == 0.0 and "frustration" in score.explanation


def test_missing_emotion_fails(en_case: GoldenCase, zh_case: GoldenCase) -> None:
    for case in (en_case, zh_case):
        score = emotion_match(case, response(case, "reply"))
        assert not score.passed and "no emotion" in score.explanation
