"""The page's JavaScript modules, run in Chromium: diff, highlighting, SSE parsing, SMART ticks, history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def run(page: Any, module: str, body: str) -> Any:
    return page.evaluate(f"async () => {{ const m = await import('/static/{module}'); {body} }}")


def test_tokens_are_words_and_han_characters(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    tokens = run(page, "diff.js", "return m.tokenize('退款ok, 1-3个工作日 £12.50 can\\'t');")
    assert tokens == ["退", "款", "ok", ",", " ", "1-3", "个", "工", "作", "日", " ", "£", "12.50", " ", "can't"]


def test_diff_is_per_word_in_english_and_per_character_in_chinese(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    en = run(page, "diff.js", "return m.diffTexts('We are aware of the outage.', 'We know about the outage.');")
    assert en == [
        {"op": "eq", "text": "We "},
        {"op": "del", "text": "are aware of"},
        {"op": "ins", "text": "know about"},
        {"op": "eq", "text": " the outage."},
    ]
    zh = run(page, "diff.js", "return m.diffTexts('您好，请耐心等待。', '您好，我马上处理。');")
    assert zh == [
        {"op": "eq", "text": "您好，"},
        {"op": "del", "text": "请耐心等待"},
        {"op": "ins", "text": "我马上处理"},
        {"op": "eq", "text": "。"},
    ]
    same = run(page, "diff.js", "return m.diffTexts('same text', 'same text');")
    assert same == [{"op": "eq", "text": "same text"}]
    # a long pair falls back to one removal and one insertion instead of a huge table
    big = run(page, "diff.js", "return m.diffTexts('a '.repeat(3000).trim(), 'b '.repeat(3000).trim())"
              ".map((p) => p.op);")
    assert big == ["del", "ins"]


def test_details_used_are_highlighted(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    en = run(page, "diff.js", """return m.sharedSpans('This is your third day without internet, sadly.',
                                                     ['third day without internet']);""")
    assert [s["text"] for s in en if s["mark"]] == ["third day without internet"]
    zh = run(page, "diff.js", "return m.sharedSpans('您上周三申请的退款还没到', ['上周三申请的退款没到账']);")
    assert [s["text"] for s in zh if s["mark"]] == ["上周三申请的退款", "没到"]
    none = run(page, "diff.js", "return m.sharedSpans('I see the problem', ['the a of']);")
    assert not any(s["mark"] for s in none), "stop words alone are not a detail"


def test_sse_blocks_are_parsed_and_comments_dropped(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    parsed = run(page, "sse.js", """return m.parseBlocks(': stream open\\n\\nevent: emotion\\r\\ndata: {"a":1}\\r\\n\\n'
                                                         + ': ping\\n\\nevent: done\\ndata: {"b"');""")
    assert parsed == [[{"type": "emotion", "data": {"a": 1}}], 'event: done\ndata: {"b"']


def test_smart_ticks(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    ticks = run(page, "plan.js", """
        const raised = m.raisedKeys('我上周三申请的退款到现在都没到账', '退款正在处理中', null);
        const step = (over) => ({action: '为您提交加急工单，请财务核查退款', measure: '结果发给您',
                                 deadline: '24小时内', owner: 'agent', source: '客服可提交加急工单', ...over});
        return [
          m.smartTicks(step({}), {raised}),
          m.smartTicks(step({deadline: '尽快', measure: ''}), {raised}),
          m.smartTicks(step({source: m.AGENT_COMMITMENT, action: '联系', }), {raised}),
          m.smartTicks(step({action: '为您预约上门安装宽带'}), {raised}),
        ];""")
    assert ticks[0] == {"S": True, "M": True, "A": True, "R": True, "T": True}
    assert ticks[1]["T"] is False and ticks[1]["M"] is False
    assert ticks[2]["A"] is False and ticks[2]["S"] is False
    assert ticks[3]["R"] is False


def test_history_lines_become_turns(open_page: Callable[[str], Any]) -> None:
    page = open_page("zh-CN")
    history = "客户：快递三天没动了\\n客服：我帮您查\\n物流显示在中转\\nCustomer: ok"
    turns = run(page, "app.js", f"return m.parseHistory('{history}');")
    assert turns == [
        {"role": "customer", "text": "快递三天没动了"},
        {"role": "agent", "text": "我帮您查\n物流显示在中转"},
        {"role": "customer", "text": "ok"},
    ]


def test_failed_checks_show_their_findings(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    shown = run(
        page,
        "render.js",
        """const summary = document.createElement('p'), list = document.createElement('ul');
        m.renderChecks(summary, list, [
          {name: 'seams', passed: true, detail: 'clean', findings: []},
          {name: 'no_unsupported_claims', passed: false, detail: 'numbers: «$500»', findings: [
            {kind: 'unsupported_figure', text: '$500', where: 'reply', source: null, span: [4, 8]},
            {kind: 'unsupported_figure', text: '$500', where: 'reply', source: null, span: [20, 24]},
            {kind: 'unsupported_compensation', text: 'voucher', where: 'reply', source: 'voucher', span: null}]},
        ]);
        return [...list.querySelectorAll('li[data-check] .findings .chip')].map((e) => e.textContent);""",
    )
    assert shown == ["$500", "voucher"]
