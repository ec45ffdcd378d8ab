// Thumbs up/down with an optional reason, and "accept": all saved to POST /feedback under the run's id,
// so rating, then editing, then accepting updates one record.

import { t } from "./i18n.js";
import { postJSON } from "./sse.js";

const $ = (id) => document.getElementById(id);

export function wireFeedback(currentRun, currentReply) {
  const thumbs = { up: $("thumb-up"), down: $("thumb-down") };

  async function save(r, status) {
    const body = {
      id: r.id,
      rating: r.rating || null,
      reason: $("reason").value.trim() || null,
      request: r.request,
      response: r.response,
      final_reply: currentReply(),
      accepted: Boolean(r.accepted),
    };
    try {
      await postJSON("/feedback", body);
      return true;
    } catch (err) {
      status.textContent = t("feedback.failed", { detail: err.message });
      return false;
    }
  }

  async function rate(rating) {
    const r = currentRun();
    if (!r || !r.response) return;
    r.rating = rating;
    for (const [name, button] of Object.entries(thumbs)) button.setAttribute("aria-pressed", String(name === rating));
    $("reason-box").hidden = false;
    const status = $("feedback-status");
    status.textContent = "";
    if (await save(r, status)) status.textContent = t("feedback.thanks");
  }

  thumbs.up.addEventListener("click", () => rate("up"));
  thumbs.down.addEventListener("click", () => rate("down"));

  async function sendReason() {
    const r = currentRun();
    if (!r || !r.response || !r.rating) return;
    const status = $("feedback-status");
    if (await save(r, status)) status.textContent = t("feedback.thanks");
  }
  $("send-reason").addEventListener("click", sendReason);
  $("reason").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      sendReason();
    }
  });

  $("accept").addEventListener("click", async () => {
    const r = currentRun();
    if (!r || !r.response) return;
    r.accepted = true;
    const status = $("action-status");
    if (await save(r, status)) status.textContent = t("action.accepted");
  });

  return function reset() {
    for (const button of Object.values(thumbs)) button.setAttribute("aria-pressed", "false");
    $("reason").value = "";
    $("reason-box").hidden = true;
    $("feedback-status").textContent = "";
  };
}
