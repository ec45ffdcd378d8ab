// The Chatwoot dashboard app: Chatwoot hands over the open conversation, the agent writes a draft, the
// rewrite streams in (emotion, plan, reply, checks), and the agent copies the reply into Chatwoot.

import { appContextOf, FETCH_INFO, readConversation } from "./chatwoot-context.js";
import { copyFrom, keepFields } from "./fields.js";
import { addStrings, applyI18n, lang, setLang, t } from "./i18n.js";
import { raisedKeys } from "./plan.js";
import { h, renderChecks, renderEmotion, renderPlan, renderWarnings } from "./render.js";
import { ProblemError, streamRewrite } from "./sse.js";

addStrings({
  en: {
    "cw.waiting": "Waiting for the conversation from Chatwoot…",
    "cw.standalone": "Not inside Chatwoot: paste the customer's message yourself.",
    "cw.context": "Conversation #{id}: {n} customer message(s) read",
    "cw.context.empty": "Conversation #{id}: no customer message yet",
    "cw.refresh": "Reload conversation",
    "cw.customer_message": "Customer's last messages",
    "cw.history.none": "No earlier messages",
    "cw.history": "Earlier in the conversation ({n})",
    "cw.settings": "Policy, channel and tone",
    "cw.role.customer": "Customer",
    "cw.role.agent": "Agent",
    "cw.copy.failed": "Copy was blocked here: select the reply and copy it by hand.",
  },
  zh: {
    "cw.waiting": "正在等待 Chatwoot 发来会话…",
    "cw.standalone": "不在 Chatwoot 中：请自行粘贴客户的消息。",
    "cw.context": "会话 #{id}：已读取客户消息 {n} 条",
    "cw.context.empty": "会话 #{id}：客户尚未发消息",
    "cw.refresh": "重新读取会话",
    "cw.customer_message": "客户最近的消息",
    "cw.history.none": "没有更早的消息",
    "cw.history": "更早的对话（{n} 条）",
    "cw.settings": "政策、渠道和语气",
    "cw.role.customer": "客户",
    "cw.role.agent": "客服",
    "cw.copy.failed": "此处无法自动复制：请选中回复后手动复制。",
  },
});

const $ = (id) => document.getElementById(id);
const KEPT = ["policy", "tone"];
const embedded = window.parent !== window;

let conversation = null; // what readConversation made of the last appContext
let run = null;

function showConversation() {
  const status = $("context-status");
  if (!conversation) {
    status.textContent = t(embedded ? "cw.waiting" : "cw.standalone");
    return;
  }
  const { conversationId: id, customerTurns: n, history } = conversation;
  status.textContent = n ? t("cw.context", { id, n }) : t("cw.context.empty", { id });
  $("history-summary").textContent = history.length ? t("cw.history", { n: history.length }) : t("cw.history.none");
  $("history").replaceChildren(
    ...history.map((turn) =>
      h("li", { dataset: { role: turn.role } }, h("span", { class: "who" }, t(`cw.role.${turn.role}`)), " ", turn.text),
    ),
  );
}

function applyContext(context) {
  conversation = readConversation(context);
  $("customer_message").value = conversation.customerMessage; // the draft is never touched
  $("channel").value = conversation.channel;
  showConversation();
  document.body.dataset.context = "ready";
}

function requestContext() {
  if (embedded) window.parent.postMessage(FETCH_INFO, "*");
}

function showFormError(message, field) {
  const box = $("form-error");
  box.textContent = message;
  box.hidden = !message;
  if (field) field.focus();
}

function buildRequest() {
  for (const field of [$("customer_message"), $("draft")]) {
    if (!field.value.trim()) {
      const label = document.querySelector(`label[for="${field.id}"]`).textContent;
      showFormError(t("error.required", { field: label }), field);
      return null;
    }
  }
  showFormError("");
  const body = {
    customer_message: $("customer_message").value.trim(),
    draft: $("draft").value.trim(),
    policy: $("policy").value.split("\n").map((line) => line.trim()).filter(Boolean),
    channel: $("channel").value,
    options: { tone: $("tone").value },
  };
  if (conversation) {
    if (conversation.history.length) body.history = conversation.history;
    if (conversation.customerName) body.customer = { name: conversation.customerName };
    if (conversation.agentName) body.agent = { name: conversation.agentName };
  }
  return body;
}

function render(r) {
  if (r.analysis && r.analysis.emotion) {
    renderEmotion($("emotion-body"), r.analysis);
    $("emotion-card").hidden = false;
  }
  if (r.plan && r.plan.length) {
    const raised = raisedKeys(r.request.customer_message, r.request.draft, r.analysis);
    renderPlan($("plan-body"), r.plan, { raised });
    $("plan-card").hidden = false;
  }
  if (r.reply !== null) {
    if (!r.edited) $("reply").value = r.reply;
    $("reply-card").hidden = false;
  }
  $("checks-summary").hidden = !r.checks;
  if (r.checks) renderChecks($("checks-summary"), $("checks-failed"), r.checks);
  renderWarnings($("warnings-box"), $("warnings"), r.warnings);
  $("checks-card").hidden = !r.checks && !r.warnings.length;
  $("degraded").hidden = !r.degraded;
}

function onEvent(r, event) {
  if (r !== run) return;
  const data = event.data;
  if (event.type === "emotion") r.analysis = data;
  else if (event.type === "plan") r.plan = data.steps;
  else if (event.type === "reply") r.reply = data.reply;
  else if (event.type === "checks") r.checks = data.checks;
  else if (event.type === "error") {
    r.degraded = true;
    r.reply = data.reply;
    r.warnings = data.warnings || [];
  } else if (event.type === "done") {
    r.response = data;
    r.analysis = data.emotion ? { emotion: data.emotion, core_need: data.core_need } : null;
    r.plan = data.plan;
    r.reply = data.reply;
    r.checks = data.checks.length ? data.checks : null;
    r.warnings = data.warnings;
    r.degraded = data.degraded;
    r.state = data.degraded ? "degraded" : "done";
    $("status").textContent = data.degraded ? "" : t("status.done");
  } else return;
  render(r);
}

function setBusy(busy) {
  $("submit").disabled = busy;
  $("stop").hidden = !busy;
  document.body.dataset.state = busy ? "streaming" : (run && run.state) || "idle";
}

async function submit() {
  const request = buildRequest();
  if (!request) return;
  if (run && run.controller) run.controller.abort();
  const r = {
    request, controller: new AbortController(), analysis: null, plan: null, reply: null, edited: false,
    checks: null, warnings: [], degraded: false, response: null, state: null,
  };
  run = r;
  $("result").hidden = false;
  for (const id of ["emotion-card", "plan-card", "reply-card", "checks-card", "degraded"]) $(id).hidden = true;
  $("status").textContent = t("status.working");
  $("action-status").textContent = "";
  setBusy(true);
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
      showFormError(t("error.problem", { detail: err.message }), null);
      r.state = "refused";
    } else {
      // unreachable service: say so, and keep the draft where the reply would be
      Object.assign(r, { degraded: true, reply: request.draft, state: "error" });
      $("status").textContent = t("error.network", { detail: err.message });
      render(r);
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
  $("action-status").textContent = t(copied ? "action.copied" : "cw.copy.failed");
}

function init() {
  keepFields(KEPT);
  applyI18n(document);
  showConversation();
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return; // only the helpdesk that frames us
    const context = appContextOf(event.data);
    if (context) applyContext(context);
  });
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
  $("stop").addEventListener("click", () => run && run.controller && run.controller.abort());
  $("copy").addEventListener("click", copyReply);
  $("reply").addEventListener("input", () => {
    if (run) run.edited = true;
  });
  $("refresh").addEventListener("click", requestContext);
  $("refresh").hidden = !embedded;
  $("lang-switch").addEventListener("click", () => setLang(lang() === "zh" ? "en" : "zh"));
  document.addEventListener("tactful:lang", () => {
    showConversation();
    if (run && !$("result").hidden) render(run);
  });
  document.body.dataset.state = "idle";
  requestContext(); // Chatwoot also sends it when the frame loads; asking covers a missed first message
}

init();
