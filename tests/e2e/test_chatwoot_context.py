"""chatwoot-context.js in Chromium: what the app makes of Chatwoot's appContext."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.test_web_modules import run

pytestmark = pytest.mark.browser


def test_only_an_app_context_is_accepted(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    seen = run(page, "chatwoot-context.js", """return [
        m.appContextOf(JSON.stringify({event: "appContext", data: {conversation: {id: 1}, contact: {}}})),
        m.appContextOf({event: "appContext", data: {conversation: {id: 2}}}),
        m.appContextOf("chatwoot-dashboard-app:fetch-info"),
        m.appContextOf("{not json"),
        m.appContextOf(JSON.stringify({event: "somethingElse", data: {conversation: {}}})),
        m.appContextOf(JSON.stringify({event: "appContext", data: {contact: {}}})),
        m.appContextOf(null),
    ];""")
    assert seen == [{"conversation": {"id": 1}, "contact": {}}, {"conversation": {"id": 2}}, None, None, None,
                    None, None]  # fmt: skip


def test_the_last_customer_run_is_the_message_and_the_rest_is_history(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    read = run(page, "chatwoot-context.js", """return m.readConversation({
        conversation: {id: 12, meta: {sender: {name: "  Wei Zhang "}, channel: "Channel::WebWidget"}, messages: [
          {content: "你好，订单还没到", message_type: 0, created_at: 10},
          {content: "我查一下", message_type: 1, created_at: 20},
          {content: "note for the team", message_type: 1, private: true, created_at: 25},
          {content: "Conversation was resolved", message_type: 2, created_at: 26},
          {content: "auto-reply", message_type: "template", created_at: 27},
          {content: "已经三天了", message_type: "incoming", created_at: 30},
          {content: "  ", message_type: 0, created_at: 31},
          {content: "急用", message_type: 0, created_at: 32},
          {content: "我们正在处理", message_type: 1, created_at: 40},
        ]},
        currentAgent: {id: 1, name: "Li"},
    });""")
    assert read == {
        "conversationId": 12,
        "customerMessage": "已经三天了\n急用",
        "customerTurns": 2,
        "history": [
            {"role": "customer", "text": "你好，订单还没到"},
            {"role": "agent", "text": "我查一下"},
            {"role": "agent", "text": "auto-reply"},
        ],
        "channel": "chat",
        "customerName": "Wei Zhang",
        "agentName": "Li",
    }


def test_channels_and_an_empty_conversation(open_page: Callable[[str], Any]) -> None:
    page = open_page("en-US")
    channels = run(page, "chatwoot-context.js", """return ["Channel::Email", "Channel::Sms", "Channel::TwilioSms",
        "Channel::Voice", "Channel::Whatsapp", "Channel::Api", undefined].map(m.channelOf);""")
    assert channels == ["email", "sms", "sms", "phone", "chat", "chat", "chat"]
    empty = run(page, "chatwoot-context.js", "return m.readConversation({conversation: {id: 3}});")
    assert empty["customerMessage"] == "" and empty["history"] == [] and empty["customerName"] is None
    many = run(page, "chatwoot-context.js", """return m.readConversation({conversation: {messages:
        Array.from({length: 40}, (_, i) => ({content: `m${i}`, message_type: i % 2, created_at: i}))
          .concat([{content: "last", message_type: 0, created_at: 99}])}});""")
    assert len(many["history"]) == 30 and many["history"][-1] == {"role": "agent", "text": "m39"}
