// The chat box: read the form, stream the rewrite, show each step as it lands, act on the reply.

import { wireFeedback } from "./feedback.js";
import { copyFrom, keepFields } from "./fields.js";
import { applyI18n, lang, setLang, t } from "./i18n.js";
import { raisedKeys } from "./plan.js";
import { renderChecks, renderDiff, renderEmotion, renderEmpathy, renderPlan, renderWarnings } from "./render.js";
import { ProblemError, streamRewrite } from "./sse.js";

const $ = (id) => document.getElementById(id);
const STEPS = ["emotion", "plan", "empathy", "reply", "checks"];
const KEPT = ["policy", "channel", "tone", "signature"];
const timings = [];
window.tactful = { timings };

let run = null;
let resetFeedback = () => {};

const CUSTOMER = /^\s*(customer|client|c|客户|顾客|用户)\s*[:：]\s*/i;
const AGENT = /^\s*(agent|a|客服|坐席)\s*[:：]\s*/i;

export function parseHistory(text) {
  const turns = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const customer = CUSTOMER.exec(line);
    const agent = AGENT.exec(line);
    if (customer || agent) {
      const match = customer || agent;
      turns.push({ role: customer ? "customer" : "agent", text: line.slice(match[0].length).trim() });
    } else if (turns.length) {
      turns[turns.length - 1].text += `\n${line.trim()}`;
    } else {
      turns.push({ role: "customer", text: line.trim() });
    }
  }
  return turns.filter((turn) => turn.text);
}

function showFormError(message, field) {
  const box = $("form-error");
  box.textContent = message;
  box.hidden = !message;
  for (const el of document.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

function buildRequest() {
  const message = $("customer_message");
  const draft = $("draft");
  for (const field of [message, draft]) {
    if (!field.value.trim()) {
      const label = document.querySelector(`label[for="${field.id}"]`).textContent;
      showFormError(t("error.required", { field: label }), field);
      return null;
    }
  }
  showFormError("");
  const body = {
    customer_message: message.value.trim(),
    draft: draft.value.trim(),
    policy: $("policy").value.split("\n").map((line) => line.trim()).filter(Boolean),
    channel: $("channel").value,
    options: { tone: $("tone").value },
  };
  const history = parseHistory($("history").value);
  if (history.length) body.history = history;
  if ($("customer_name").value.trim()) body.customer = { name: $("customer_name").value.trim() };
  if ($("signature").value.trim()) body.agent = { signature: $("signature").value.trim() };
  return body;
}

function setBusy(busy) {
  $("submit").disabled = busy;
  $("stop").hidden = !busy;
  $("regenerate").disabled = busy;
  $("result").setAttribute("aria-busy", String(busy));
  document.body.dataset.state = busy ? "streaming" : run && run.state ? run.state : "idle";
}

function markStep(step, state) {
  const li = document.querySelector(`#progress [data-step="${step}"]`);
  if (li) li.dataset.state = state;
}

function resetOutput() {
  $("empty").hidden = true;
  $("result").hidden = false;
  for (const id of ["emotion-card", "empathy-card", "plan-card", "reply-card", "checks-card", "feedback", "degraded"]) {
    $(id).hidden = true;
  }
  for (const step of STEPS) markStep(step, "pending");
  $("status").textContent = t("status.working");
  $("timing").textContent = "";
  $("reply-flags").textContent = "";
  $("action-status").textContent = "";
  resetFeedback();
}

function planContext(r) {
  return { raised: raisedKeys(r.request.customer_message, r.request.draft, r.analysis) };
}

function showReply(r) {
  const box = $("reply");
  if (!r.edited) box.value = r.reply;
  $("reply-card").hidden = false;
  $("diff-box").hidden = r.degraded;
  renderDiff($("diff"), r.request.draft, box.value);
  const flags = [];
  if (r.revised) flags.push(t("reply.revised"));
  if (r.edited) flags.push(t("reply.edited"));
  $("reply-flags").textContent = flags.join(" · ");
}

// Everything on screen comes from the run's data, so a language switch can redraw it.
function renderRun(r) {
  if (r.analysis && r.analysis.emotion) {
    renderEmotion($("emotion-body"), r.analysis);
    $("emotion-card").hidden = false;
  }
  if (r.empathy) {
    renderEmpathy($("empathy-body"), r.empathy);
    $("empathy-card").hidden = false;
  }
  if (r.plan && r.plan.length) {
    renderPlan($("plan-body"), r.plan, planContext(r));
    $("plan-card").hidden = false;
  }
  if (r.reply !== null) showReply(r);
  if (r.checks) {
    renderChecks($("checks-summary"), $("checks-failed"), r.checks);
    $("checks-card").hidden = false;
  }
  $("checks-heading").hidden = !r.checks;
  $("checks-summary").hidden = !r.checks;
  renderWarnings($("warnings-box"), $("warnings"), r.warnings);
  if (r.warnings.length) $("checks-card").hidden = false;
  $("degraded").hidden = !r.degraded;
  if (r.response) {
    $("feedback").hidden = false;
    $("timing").textContent = t("timing", {
      first: (r.firstMs / 1000).toFixed(1),
      done: (r.doneMs / 1000).toFixed(1),
      calls: r.response.usage.model_calls,
    });
    $("status").textContent = r.degraded ? "" : t("status.done");
  }
}

function onEvent(r, event) {
  if (r !== run) return;
  if (r.firstMs === null) r.firstMs = performance.now() - r.started;
  r.events.push(event.type);
  const data = event.data;
  switch (event.type) {
    case "emotion":
      r.analysis = data;
      break;
    case "plan":
      r.plan = data.steps;
      break;
    case "empathy":
      r.empathy = data;
      break;
    case "reply":
      r.reply = data.reply;
      r.revised = Boolean(data.revised);
      break;
    case "checks":
      r.checks = data.checks;
      break;
    case "error":
      r.degraded = true;
      r.reply = data.reply;
      r.warnings = data.warnings || [];
      break;
    case "done":
      r.response = data;
      r.id = data.id;
      r.doneMs = performance.now() - r.started;
      r.analysis = data.emotion ? { emotion: data.emotion, core_need: data.core_need, details: r.analysis?.details } : null;
      r.empathy = data.empathy;
      r.plan = data.plan;
      r.reply = data.reply;
      r.revised = data.revised;
      r.checks = data.checks.length ? data.checks : null;
      r.warnings = data.warnings;
      r.degraded = data.degraded;
      r.state = data.degraded ? "degraded" : "done";
      timings.push({ firstMs: r.firstMs, doneMs: r.doneMs, events: [...r.events] });
      break;
    default:
      return;
  }
  if (STEPS.includes(event.type)) markStep(event.type, "done");
  if (event.type === "done" || event.type === "error") {
    for (const step of STEPS) {
      const li = document.querySelector(`#progress [data-step="${step}"]`);
      if (li.dataset.state === "pending") markStep(step, r.degraded ? "skipped" : "done");
    }
  }
  renderRun(r);
}

async function submit() {
  const request = buildRequest();
  if (!request) return;
  if (run && run.controller) run.controller.abort();
  const r = {
    id: null, // the server's signed id arrives with "done"
    request,
    controller: new AbortController(),
    started: performance.now(),
    firstMs: null,
    doneMs: null,
    events: [],
    analysis: null,
    empathy: null,
    plan: null,
    reply: null,
    revised: false,
    edited: false,
    checks: null,
    warnings: [],
    degraded: false,
    response: null,
    state: null,
  };
  run = r;
  resetOutput();
  setBusy(true);
  if (window.matchMedia("(max-width: 900px)").matches) $("output").scrollIntoView({ block: "start" });
  try {
    await streamRewrite(request, { signal: r.controller.signal, onEvent: (event) => onEvent(r, event) });
    if (!r.response && r === run) throw new Error("the stream ended early");
  } catch (err) {
    if (r !== run) return;
    if (err.name === "AbortError") {
      $("status").textContent = t("status.stopped");
      r.state = "stopped";
    } else if (err instanceof ProblemError) {
      $("result").hidden = true;
      $("empty").hidden = false;
      showFormError(t("error.problem", { detail: err.message }), null);
      r.state = "refused";
    } else {
      // The service is unreachable: say so and keep the draft where the reply would be.
      r.degraded = true;
      r.reply = request.draft;
      r.state = "error";
      $("status").textContent = t("error.network", { detail: err.message });
      renderRun(r);
    }
  } finally {
    if (r === run) {
      r.controller = null;
      setBusy(false);
    }
  }
}

async function copyReply() {
  const copied = await copyFrom($("reply"));
  $("action-status").textContent = copied ? t("action.copied") : "";
}

function init() {
  keepFields(KEPT);
  const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  $("shortcut").textContent = mac ? "⌘ + Enter" : "Ctrl + Enter";
  applyI18n(document);
  const form = $("rewrite-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  const stop = () => run && run.controller && run.controller.abort();
  $("stop").addEventListener("click", stop);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && run && run.controller) stop();
  });
  $("regenerate").addEventListener("click", submit);
  $("copy").addEventListener("click", copyReply);
  $("lang-switch").addEventListener("click", () => setLang(lang() === "zh" ? "en" : "zh"));
  let pending = 0;
  $("reply").addEventListener("input", () => {
    if (!run) return;
    run.edited = true;
    clearTimeout(pending);
    pending = setTimeout(() => showReply(run), 120);
  });
  document.addEventListener("tactful:lang", () => {
    if (run && !$("result").hidden) renderRun(run);
    if (run && run.controller) $("status").textContent = t("status.working");
  });
  resetFeedback = wireFeedback(
    () => run,
    () => $("reply").value,
  );
  document.body.dataset.state = "idle";
}

init();
