from service.language import detect_language, request_language
from service.schemas import RewriteRequest


def test_the_locale_wins_over_the_message() -> None:
    request = RewriteRequest(draft="ok", customer_message="我的退款呢？", locale="en-GB")
    assert request_language(request) == "en"


def test_without_a_locale_the_customer_message_decides() -> None:
    assert request_language(RewriteRequest(draft="Refund sent.", customer_message="我的退款呢？")) == "zh"
    assert request_language(RewriteRequest(draft="退款已发", customer_message="Where is my refund?")) == "en"


def test_chinese_with_ids_is_chinese() -> None:
    assert detect_language("您的订单A7731已退款，可在App的“我的订单”中查看。") == "zh"
    assert detect_language("Order 12 ok") == "en"
