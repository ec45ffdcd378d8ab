"""Filling the chat box and watching it, as an agent would (keyboard first)."""

from __future__ import annotations

from typing import Any

WATCH_CARDS = """
() => {
  window.__seen = [];
  const ids = ["emotion-card", "empathy-card", "plan-card", "reply-card", "checks-card", "feedback"];
  const seen = new Set();
  const observer = new MutationObserver(() => {
    for (const id of ids) {
      if (!seen.has(id) && !document.getElementById(id).hidden) {
        seen.add(id);
        window.__seen.push({ id, at: performance.now() });
      }
    }
  });
  observer.observe(document.getElementById("result"), { attributes: true, subtree: true, attributeFilter: ["hidden"] });
}
"""


def fill(page: Any, scenario: dict[str, Any]) -> None:
    page.fill("#customer_message", scenario["customer_message"])
    page.fill("#draft", scenario["draft"])
    page.fill("#policy", "\n".join(scenario.get("policy", [])))
    page.select_option("#channel", scenario.get("channel", "chat"))
    customer = scenario.get("customer") or {}
    agent = scenario.get("agent") or {}
    if customer or agent:
        if page.get_attribute("#more", "open") is None:
            page.click("#more summary")
        page.fill("#customer_name", customer.get("name", ""))
        page.fill("#signature", agent.get("signature", ""))


def submit_with_keyboard(page: Any) -> None:
    page.focus("#draft")
    page.keyboard.press("Control+Enter")


def wait_finished(page: Any, timeout_ms: float = 30_000) -> str:
    page.wait_for_selector("body[data-state=done], body[data-state=degraded]", timeout=timeout_ms)
    state: str = page.get_attribute("body", "data-state")
    return state


def texts(page: Any, selector: str) -> list[str]:
    found: list[str] = page.locator(selector).all_inner_texts()
    return found
