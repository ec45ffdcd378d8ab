// The page's words in English and Chinese. The UI language follows the browser and can be switched;
// the choice is kept in this browser. The reply's language is the customer's, decided by the service.

const STRINGS = {
  en: {
    "app.tagline": "Turn a rough draft into a reply the customer hears.",
    "lang.switch": "中文",
    "lang.switch.label": "切换到中文",
    "input.heading": "Conversation",
    "input.customer_message": "Customer's message",
    "input.customer_message.placeholder": "Paste what the customer wrote…",
    "input.draft": "Your draft",
    "input.draft.placeholder": "Your rough reply. Get the facts right; the wording is our job.",
    "input.policy": "Policy facts",
    "input.policy.hint": "One per line. The plan only promises what these say. Kept in this browser.",
    "input.policy.placeholder": "Refunds reach the original account 1-3 working days after approval",
    "input.channel": "Channel",
    "input.tone": "Tone",
    "channel.chat": "Chat",
    "channel.email": "Email",
    "channel.sms": "SMS",
    "channel.phone": "Phone script",
    "tone.warm": "Warm",
    "tone.formal": "Formal",
    "tone.concise": "Concise",
    "input.more": "More context (optional)",
    "input.history": "Conversation so far",
    "input.history.hint": "One turn per line, starting with \"Customer:\" or \"Agent:\".",
    "input.customer_name": "Customer's name",
    "input.signature": "Your signature",
    "action.rewrite": "Rewrite",
    "action.stop": "Stop",
    "action.copy": "Copy",
    "action.copied": "Copied",
    "action.regenerate": "Regenerate",
    "action.accept": "Accept",
    "action.accepted": "Accepted and saved for the eval suite.",
    "output.empty": "Paste the customer's message and your draft, then press Ctrl + Enter.",
    "output.empty.sub": "You will see the customer's emotion, an empathy line, a SMART plan and the reply as each is ready.",
    "progress.label": "Progress",
    "step.emotion": "Emotion",
    "step.plan": "Plan",
    "step.empathy": "Empathy",
    "step.reply": "Reply",
    "step.checks": "Checks",
    "status.working": "Working…",
    "status.done": "Done",
    "status.stopped": "Stopped. Your inputs are kept.",
    "emotion.heading": "How the customer feels",
    "emotion.intensity": "Intensity {n} of 5",
    "emotion.evidence": "In their words",
    "emotion.need": "What they need most",
    "emotion.preliminary": "First estimate from keywords; the model's reading follows.",
    "empathy.heading": "Empathy",
    "empathy.details": "Their specifics it uses",
    "plan.heading": "Plan",
    "plan.measure": "They will see",
    "plan.deadline": "By",
    "plan.owner": "Owner",
    "plan.source": "Policy",
    "plan.commitment": "Your commitment: not in the policy facts. Confirm you can promise this before sending.",
    "owner.agent": "You",
    "owner.customer": "Customer",
    "owner.team": "Team",
    "smart.S": "Specific: says exactly what will be done",
    "smart.M": "Measurable: the customer can see the progress",
    "smart.A": "Achievable: backed by a policy fact",
    "smart.A.no": "Not backed by a policy fact: confirm before promising",
    "smart.R": "Relevant: about what the customer raised",
    "smart.R.no": "Shares no words with what the customer raised: check it meets their need",
    "smart.T": "Time-bound: has a concrete deadline",
    "smart.missing": "missing",
    "reply.heading": "Reply",
    "reply.label": "Reply to send (editable)",
    "reply.revised": "Revised once to pass the checks.",
    "reply.edited": "Edited by you",
    "diff.heading": "Changes from your draft",
    "diff.added": "added",
    "diff.removed": "removed",
    "checks.heading": "Checks",
    "checks.summary": "{passed} of {total} checks passed",
    "checks.all": "All {total} checks passed",
    "checks.failed": "Failed",
    "warnings.heading": "Notes",
    "degraded": "The model could not finish, so your draft is kept below, unchanged. You can still send it, or try again.",
    "error.required": "Please fill in: {field}",
    "error.network": "Could not reach the service ({detail}). Your inputs are kept.",
    "error.problem": "The request was refused: {detail}",
    "feedback.question": "Was this rewrite helpful?",
    "feedback.up": "Helpful",
    "feedback.down": "Not helpful",
    "feedback.reason": "What could be better? (optional)",
    "feedback.send": "Send",
    "feedback.thanks": "Thanks, saved.",
    "feedback.failed": "Could not save your feedback ({detail}).",
    "key.heading": "API key",
    "key.needed": "This service needs an API key.",
    "key.invalid": "That key was not accepted. Please check it and try again.",
    "key.label": "Your key",
    "key.hint": "Kept in this tab only, until you close it.",
    "key.submit": "Use this key",
    "key.cancel": "Cancel",
    "timing": "First result {first} s · done {done} s · {calls} model calls",
  },
  zh: {
    "app.tagline": "把粗糙的草稿，改写成客户听得进去的回复。",
    "lang.switch": "English",
    "lang.switch.label": "Switch to English",
    "input.heading": "对话",
    "input.customer_message": "客户消息",
    "input.customer_message.placeholder": "粘贴客户发来的消息……",
    "input.draft": "您的草稿",
    "input.draft.placeholder": "写下大意即可：事实要准确，措辞交给我们。",
    "input.policy": "政策依据",
    "input.policy.hint": "每行一条。计划只承诺这里写明的内容。保存在本浏览器中。",
    "input.policy.placeholder": "退款审核通过后1-3个工作日原路退回",
    "input.channel": "渠道",
    "input.tone": "语气",
    "channel.chat": "在线聊天",
    "channel.email": "邮件",
    "channel.sms": "短信",
    "channel.phone": "电话话术",
    "tone.warm": "温和",
    "tone.formal": "正式",
    "tone.concise": "简洁",
    "input.more": "更多背景（可选）",
    "input.history": "之前的对话",
    "input.history.hint": "每行一句，以“客户：”或“客服：”开头。",
    "input.customer_name": "客户称呼",
    "input.signature": "您的署名",
    "action.rewrite": "改写",
    "action.stop": "停止",
    "action.copy": "复制",
    "action.copied": "已复制",
    "action.regenerate": "重新生成",
    "action.accept": "采用",
    "action.accepted": "已采用，并保存到评测集。",
    "output.empty": "粘贴客户消息和您的草稿，然后按 Ctrl + Enter。",
    "output.empty.sub": "客户情绪、共情语句、SMART 计划和回复会依次出现。",
    "progress.label": "进度",
    "step.emotion": "情绪",
    "step.plan": "计划",
    "step.empathy": "共情",
    "step.reply": "回复",
    "step.checks": "检查",
    "status.working": "处理中……",
    "status.done": "完成",
    "status.stopped": "已停止，您的输入已保留。",
    "emotion.heading": "客户的情绪",
    "emotion.intensity": "强度 {n}/5",
    "emotion.evidence": "客户原话",
    "emotion.need": "最核心的诉求",
    "emotion.preliminary": "根据关键词的初步判断，模型分析随后更新。",
    "empathy.heading": "共情",
    "empathy.details": "用到的客户细节",
    "plan.heading": "行动计划",
    "plan.measure": "客户如何看到进展",
    "plan.deadline": "时限",
    "plan.owner": "负责人",
    "plan.source": "依据",
    "plan.commitment": "您的承诺：政策依据中没有写明，发送前请确认能做到。",
    "owner.agent": "您",
    "owner.customer": "客户",
    "owner.team": "团队",
    "smart.S": "具体：说清楚要做什么",
    "smart.M": "可衡量：客户能看到进展",
    "smart.A": "可实现：有政策依据",
    "smart.A.no": "没有政策依据：承诺前请确认",
    "smart.R": "相关：针对客户提出的问题",
    "smart.R.no": "与客户提出的问题没有共同词语：请确认它回应了客户的诉求",
    "smart.T": "有时限：有明确的时间",
    "smart.missing": "缺失",
    "reply.heading": "回复",
    "reply.label": "要发送的回复（可编辑）",
    "reply.revised": "已根据检查结果修订一次。",
    "reply.edited": "已手动修改",
    "diff.heading": "与草稿的差异",
    "diff.added": "新增",
    "diff.removed": "删除",
    "checks.heading": "检查",
    "checks.summary": "{total} 项检查中通过 {passed} 项",
    "checks.all": "{total} 项检查全部通过",
    "checks.failed": "未通过",
    "warnings.heading": "提示",
    "degraded": "模型未能完成改写，下面保留了您的原始草稿，未做改动。可以直接发送，或重试。",
    "error.required": "请填写：{field}",
    "error.network": "无法连接服务（{detail}）。您的输入已保留。",
    "error.problem": "请求未被接受：{detail}",
    "feedback.question": "这次改写有帮助吗？",
    "feedback.up": "有帮助",
    "feedback.down": "没帮助",
    "feedback.reason": "哪里可以更好？（可选）",
    "feedback.send": "提交",
    "feedback.thanks": "谢谢，已保存。",
    "feedback.failed": "反馈保存失败（{detail}）。",
    "key.heading": "API 密钥",
    "key.needed": "此服务需要 API 密钥。",
    "key.invalid": "密钥未被接受，请检查后重试。",
    "key.label": "您的密钥",
    "key.hint": "仅保存在当前标签页，关闭即清除。",
    "key.submit": "使用此密钥",
    "key.cancel": "取消",
    "timing": "首个结果 {first} 秒 · 完成 {done} 秒 · 调用模型 {calls} 次",
  },
};

const EMOTIONS = {
  en: {
    anger: "Anger", frustration: "Frustration", anxiety: "Anxiety", disappointment: "Disappointment",
    confusion: "Confusion", helplessness: "Helplessness", distrust: "Distrust", urgency: "Urgency",
    satisfaction: "Satisfaction", neutral: "Neutral",
  },
  zh: {
    anger: "愤怒", frustration: "烦躁", anxiety: "焦虑", disappointment: "失望", confusion: "困惑",
    helplessness: "无助", distrust: "不信任", urgency: "紧迫", satisfaction: "满意", neutral: "平静",
  },
};

const CHECKS = {
  en: {
    no_platitudes: "No stock phrases",
    empathy_specific: "Empathy names their specifics",
    no_unsupported_claims: "No promises beyond the policy",
    keeps_draft_facts: "Keeps the draft's facts",
    language: "In the customer's language",
    length: "Length fits the channel",
  },
  zh: {
    no_platitudes: "没有套话",
    empathy_specific: "共情提到了客户的具体情况",
    no_unsupported_claims: "没有超出政策的承诺",
    keeps_draft_facts: "保留了草稿中的事实",
    language: "使用客户的语言",
    length: "长度适合渠道",
  },
};

const STORAGE_KEY = "tactful.lang";
let current = initialLanguage();

function initialLanguage() {
  const saved = safeGet(STORAGE_KEY);
  if (saved === "zh" || saved === "en") return saved;
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const code = String(lang || "").toLowerCase();
    if (code.startsWith("zh")) return "zh";
    if (code.startsWith("en")) return "en";
  }
  return "en";
}

export function safeGet(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function safeSet(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* storage may be off (private mode): the page still works */
  }
}

export function lang() {
  return current;
}

export function setLang(value) {
  current = value === "zh" ? "zh" : "en";
  safeSet(STORAGE_KEY, current);
  applyI18n(document);
}

export function t(key, vars = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// A page's own words (the helpdesk apps), merged into the tables above: {en: {...}, zh: {...}}.
export function addStrings(table) {
  for (const code of ["en", "zh"]) Object.assign(STRINGS[code], table[code] || {});
}

export function emotionName(label) {
  return EMOTIONS[current][label] ?? label;
}

export function checkName(name) {
  return CHECKS[current][name] ?? name.replace(/_/g, " ");
}

// Elements carry data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label), data-i18n-title.
export function applyI18n(root) {
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  document.dispatchEvent(new CustomEvent("tactful:lang", { detail: current }));
}
