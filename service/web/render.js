// Build the result cards from the stream's data. Text goes in as text nodes, never as HTML.

import { diffTexts, sharedSpans } from "./diff.js";
import { checkName, emotionName, t } from "./i18n.js";
import { AGENT_COMMITMENT, smartTicks } from "./plan.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function renderEmotion(container, analysis) {
  const { emotion, core_need: need } = analysis;
  const meter = h(
    "span",
    { class: "meter", role: "img", "aria-label": t("emotion.intensity", { n: emotion.intensity }) },
    [1, 2, 3, 4, 5].map((n) => h("span", { class: n <= emotion.intensity ? "pip on" : "pip" })),
  );
  const badge = h(
    "div",
    { class: "emotion-line" },
    h("span", { class: `badge emotion-${emotion.label}`, dataset: { label: emotion.label } }, emotionName(emotion.label)),
    meter,
    h("span", { class: "muted" }, t("emotion.intensity", { n: emotion.intensity })),
  );
  const parts = [badge];
  if (analysis.source === "keywords") parts.push(h("p", { class: "muted preliminary" }, t("emotion.preliminary")));
  if (emotion.evidence && emotion.evidence.length) {
    parts.push(
      h("p", { class: "label" }, t("emotion.evidence")),
      h("ul", { class: "evidence" }, emotion.evidence.map((quote) => h("li", {}, h("q", {}, quote)))),
    );
  }
  if (need) parts.push(h("p", { class: "label" }, t("emotion.need")), h("p", { class: "need" }, need));
  container.replaceChildren(...parts);
}

export function renderEmpathy(container, empathy) {
  const details = empathy.details || [];
  const sentence = h(
    "p",
    { class: "empathy-text" },
    sharedSpans(empathy.text, details).map((seg) => (seg.mark ? h("mark", {}, seg.text) : seg.text)),
  );
  const parts = [sentence];
  if (details.length) {
    parts.push(
      h("p", { class: "label" }, t("empathy.details")),
      h("ul", { class: "chips" }, details.map((d) => h("li", { class: "chip" }, d))),
    );
  }
  container.replaceChildren(...parts);
}

const NOT_MET = { A: "confirm", R: "unsure" };

function tick(letter, on, step) {
  const state = on ? "on" : NOT_MET[letter] || "off";
  const title = on || !NOT_MET[letter] ? t(`smart.${letter}`) : t(`smart.${letter}.no`);
  const label = state === "off" ? `${title} (${t("smart.missing")})` : title;
  return h(
    "li",
    { class: `tick tick-${state}`, title, "aria-label": label, dataset: { letter, state, step } },
    h("span", { "aria-hidden": "true" }, letter),
  );
}

export function renderPlan(container, steps, context) {
  container.replaceChildren(
    ...steps.map((step, index) => {
      const ticks = smartTicks(step, context);
      const commitment = step.source === AGENT_COMMITMENT;
      const id = `plan-step-${index + 1}`;
      return h(
        "li",
        { class: commitment ? "plan-step commitment" : "plan-step", dataset: { commitment: String(commitment) } },
        h("div", { class: "check", "aria-hidden": "true" }),
        h(
          "div",
          { class: "plan-main" },
          h("p", { class: "action", id }, step.action),
          h(
            "dl",
            { class: "plan-meta" },
            step.measure ? [h("dt", {}, t("plan.measure")), h("dd", {}, step.measure)] : null,
            step.deadline ? [h("dt", {}, t("plan.deadline")), h("dd", {}, step.deadline)] : null,
            [h("dt", {}, t("plan.owner")), h("dd", {}, t(`owner.${step.owner}`))],
          ),
          commitment
            ? h("p", { class: "commitment-note" }, t("plan.commitment"))
            : h("p", { class: "source" }, h("span", { class: "label-inline" }, `${t("plan.source")}: `), step.source),
        ),
        h(
          "ul",
          { class: "ticks", "aria-label": `SMART: ${step.action}` },
          ["S", "M", "A", "R", "T"].map((letter) => tick(letter, ticks[letter], index + 1)),
        ),
      );
    }),
  );
}

export function renderDiff(container, draft, reply) {
  container.replaceChildren(
    ...diffTexts(draft, reply).map((part) =>
      part.op === "eq" ? part.text : h(part.op === "ins" ? "ins" : "del", {}, part.text),
    ),
  );
}

// The values a failed check found (its typed findings), each once: what to look for in the reply.
function findingChips(check) {
  const values = [...new Set((check.findings || []).map((f) => f.text).filter((v) => v && v.trim()))];
  if (!values.length) return null;
  return h("ul", { class: "chips findings" }, values.slice(0, 6).map((v) => h("li", { class: "chip" }, v)));
}

export function renderChecks(summary, list, checks) {
  const passed = checks.filter((c) => c.passed).length;
  const all = passed === checks.length;
  summary.textContent = t(all ? "checks.all" : "checks.summary", { passed, total: checks.length });
  summary.classList.toggle("all-passed", all);
  list.replaceChildren(
    ...checks
      .filter((c) => !c.passed)
      .map((c) =>
        h(
          "li",
          { dataset: { check: c.name } },
          h("strong", {}, `${t("checks.failed")}: ${checkName(c.name)}`),
          c.detail ? h("span", { class: "detail" }, c.detail) : null,
          findingChips(c),
        ),
      ),
  );
}

export function renderWarnings(box, list, warnings) {
  box.hidden = warnings.length === 0;
  list.replaceChildren(...warnings.map((w) => h("li", {}, w)));
}
