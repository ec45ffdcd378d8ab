// Thumbs up/down with an optional reason, and "accept": the first is POST /feedback under the id the server
// issued for the rewrite, every later change a PATCH /feedback/{id} (kept as versions of one record).

import { t } from "./i18n.js";
import { postJSON, ProblemError } from "./sse.js";

const $ = (id) => document.getElementById(id);

export function wireFeedback(currentRun, currentReply) {
  const thumbs = { up: $("thumb-up"), down: $("thumb-down") };

  async function save(r, status) {
    const change = {
      rating: r.rating || null,
      reason: $("reason").value.trim() || null,
      final_reply: currentReply(),
      accepted: Boolean(r.accepted),
    };
    try {
      if (!r.saved) {
        try {
          await postJSON("/feedback", { id: r.id, request: r.request, response: r.response, ...change });
          r.saved = true;
          return true;
        } catch (err) {
          if (!(err instanceof ProblemError) || err.problem.status !== 409) throw err;
          r.saved = true; // stored already (another tab): this change becomes a new version
        }
      }
      await postJSON(`/feedback/${encodeURIComponent(r.id)}`, change, "PATCH");
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
