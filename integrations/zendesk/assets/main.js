// Tactful in Zendesk's ticket sidebar (ZAF v2). It reads the ticket's comments, takes the agent's draft,
// sends both to the Tactful service's POST /rewrite through Zendesk's proxy (client.request with
// secure: true, so the API key, a secure setting, is filled in by Zendesk and never reaches the browser),
// shows the reply with its emotion, plan and notes, and inserts it into the ticket editor.
(function () {
  "use strict";

  var STRINGS = {
    en: {
      loading: "Reading the ticket…",
      read: "{n} customer message(s) read from the ticket",
      read_none: "No customer message on the ticket yet: paste it here.",
      history: "{n} earlier message(s) go along as the conversation.",
      customer_message: "Customer's last message",
      draft: "Your draft",
      "draft.placeholder": "Your rough reply. Get the facts right; the wording is Tactful's job.",
      more: "Policy, channel and tone",
      policy: "Policy facts (one per line)",
      channel: "Channel",
      "channel.email": "Email",
      "channel.chat": "Chat",
      "channel.sms": "SMS",
      "channel.phone": "Phone script",
      tone: "Tone",
      "tone.warm": "Warm",
      "tone.formal": "Formal",
      "tone.concise": "Concise",
      rewrite: "Rewrite",
      working: "Rewriting…",
      done: "Done. Edit the reply if you like, then insert it.",
      required: "{field} is needed.",
      degraded: "The service could not finish the rewrite: this is your draft.",
      reply: "Reply (you can edit it)",
      insert: "Insert into the reply",
      inserted: "Inserted into the ticket's reply.",
      emotion: "Customer feels: {label} ({n}/5)",
      "error.401": "Tactful refused the API key in this app's settings.",
      "error.429": "Tactful is busy. Try again in a moment.",
      "error.network": "Tactful could not be reached ({detail}). Your draft is kept.",
      "error.problem": "Tactful refused the request: {detail}",
      "error.settings": "Set the Tactful URL in this app's settings.",
    },
    zh: {
      loading: "正在读取工单…",
      read: "已从工单读取客户消息 {n} 条",
      read_none: "工单上还没有客户消息：请粘贴到这里。",
      history: "更早的 {n} 条消息将作为对话上下文一并发送。",
      customer_message: "客户最近的消息",
      draft: "您的草稿",
      "draft.placeholder": "写下粗略的回复，事实写对即可，措辞交给 Tactful。",
      more: "政策、渠道和语气",
      policy: "政策事实（每行一条）",
      channel: "渠道",
      "channel.email": "邮件",
      "channel.chat": "在线聊天",
      "channel.sms": "短信",
      "channel.phone": "电话话术",
      tone: "语气",
      "tone.warm": "温和",
      "tone.formal": "正式",
      "tone.concise": "简洁",
      rewrite: "改写",
      working: "正在改写…",
      done: "完成。可先修改回复，再插入。",
      required: "请填写{field}。",
      degraded: "服务未能完成改写：这是您的原稿。",
      reply: "回复（可编辑）",
      insert: "插入到回复框",
      inserted: "已插入工单回复框。",
      emotion: "客户情绪：{label}（{n}/5）",
      "error.401": "Tactful 拒绝了本应用设置中的 API 密钥。",
      "error.429": "Tactful 正忙，请稍后重试。",
      "error.network": "无法连接 Tactful（{detail}）。您的草稿已保留。",
      "error.problem": "Tactful 拒绝了请求：{detail}",
      "error.settings": "请在本应用的设置中填写 Tactful 地址。",
    },
  };
  var EMOTIONS = {
    zh: {
      anger: "愤怒", frustration: "烦躁", anxiety: "焦虑", disappointment: "失望", confusion: "困惑",
      helplessness: "无助", distrust: "不信任", urgency: "紧迫", satisfaction: "满意", neutral: "平静",
    },
  };
  var CHANNELS = { email: "email", web: "email", chat: "chat", native_messaging: "chat", voice: "phone", sms: "sms" };
  var MAX_TURNS = 30;

  var lang = "en";
  var client = null;
  var settings = {};
  var history = [];
  var names = {};
  var $ = function (id) { return document.getElementById(id); };

  function t(key, vars) {
    var text = STRINGS[lang][key] || STRINGS.en[key] || key;
    return text.replace(/\{(\w+)\}/g, function (_, name) { return vars && name in vars ? String(vars[name]) : ""; });
  }

  function applyStrings() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (el) {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    });
  }

  // A comment's HTML as plain text, with its line breaks. DOMParser runs no script and loads nothing.
  function textOf(html) {
    var doc = new DOMParser().parseFromString(String(html || ""), "text/html");
    doc.querySelectorAll("br").forEach(function (br) { br.replaceWith("\n"); });
    doc.querySelectorAll("p, div, li, blockquote, h1, h2, h3, tr").forEach(function (el) { el.append("\n"); });
    return doc.body.textContent.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  function roleOf(comment) {
    if (comment.public === false || comment.isPublic === false) return null; // internal notes stay in Zendesk
    var role = comment.author && comment.author.role;
    if (role === "end-user" || role === "end_user") return "customer";
    if (role === "agent" || role === "admin") return "agent";
    return null;
  }

  // The customer's last run of comments is the message the draft answers; everything before is history.
  function readComments(comments) {
    var turns = (comments || [])
      .map(function (c, index) {
        var at = Date.parse(c.created_at || c.createdAt || "") || 0;
        return { role: roleOf(c), text: textOf(c.value), at: at, index: index };
      })
      .filter(function (turn) { return turn.role && turn.text; })
      .sort(function (a, b) { return a.at - b.at || a.index - b.index; });
    var end = turns.length;
    while (end > 0 && turns[end - 1].role !== "customer") end -= 1;
    var start = end;
    while (start > 0 && turns[start - 1].role === "customer") start -= 1;
    return {
      message: turns.slice(start, end).map(function (turn) { return turn.text; }).join("\n").slice(-6000),
      count: end - start,
      history: turns.slice(0, start).slice(-MAX_TURNS).map(function (turn) {
        return { role: turn.role, text: turn.text.slice(0, 4000) };
      }),
    };
  }

  function showError(message) {
    $("error").textContent = message || "";
    $("error").hidden = !message;
  }

  function render(response) {
    $("result").hidden = false;
    $("degraded").hidden = !response.degraded;
    var emotion = response.emotion;
    $("emotion").textContent = emotion
      ? t("emotion", { label: (EMOTIONS[lang] && EMOTIONS[lang][emotion.label]) || emotion.label, n: emotion.intensity })
      : "";
    $("plan").replaceChildren.apply($("plan"), (response.plan || []).map(function (step) {
      var li = document.createElement("li");
      li.append(step.action);
      if (step.deadline) {
        var when = document.createElement("span");
        when.className = "when";
        when.textContent = " · " + step.deadline;
        li.append(when);
      }
      return li;
    }));
    $("reply").value = response.reply;
    $("warnings").replaceChildren.apply($("warnings"), (response.warnings || []).map(function (note) {
      var li = document.createElement("li");
      li.textContent = note;
      return li;
    }));
    resize();
  }

  function failure(err, draft) {
    var status = err && err.status;
    var problem = (err && err.responseJSON) || {};
    if (!problem.detail && err && typeof err.responseText === "string") {
      try { problem = JSON.parse(err.responseText); } catch (e) { /* not JSON */ }
    }
    if (status === 401) return t("error.401");
    if (status === 429) return t("error.429");
    if (status >= 400 && status < 500) return t("error.problem", { detail: problem.detail || problem.title || status });
    $("result").hidden = false; // unreachable or broken: the draft stays where the reply would be
    $("degraded").hidden = false;
    $("reply").value = draft;
    return t("error.network", { detail: status ? "HTTP " + status : (err && err.statusText) || "network" });
  }

  function buildRequest() {
    var fields = [["customer_message", "customer_message"], ["draft", "draft"]];
    for (var i = 0; i < fields.length; i++) {
      if (!$(fields[i][0]).value.trim()) {
        showError(t("required", { field: t(fields[i][1]) }));
        $(fields[i][0]).focus();
        return null;
      }
    }
    var body = {
      customer_message: $("customer_message").value.trim(),
      draft: $("draft").value.trim(),
      policy: $("policy").value.split("\n").map(function (line) { return line.trim(); }).filter(Boolean),
      channel: $("channel").value,
      options: { tone: $("tone").value },
    };
    if (history.length) body.history = history;
    if (names.customer) body.customer = { name: names.customer.slice(0, 80) };
    if (names.agent) body.agent = { name: names.agent.slice(0, 80) };
    return body;
  }

  function rewrite(event) {
    if (event) event.preventDefault();
    showError("");
    var base = String(settings.tactful_url || "").replace(/\/+$/, "");
    if (!base) return showError(t("error.settings"));
    var body = buildRequest();
    if (!body) return;
    $("rewrite").disabled = true;
    $("status").textContent = t("working");
    document.body.dataset.state = "working";
    client
      .request({
        url: base + "/rewrite",
        type: "POST",
        contentType: "application/json",
        headers: { Authorization: "Bearer {{setting.api_key}}" },
        secure: true,
        data: JSON.stringify(body),
        dataType: "json",
        timeout: 190000,
      })
      .then(function (response) {
        render(typeof response === "string" ? JSON.parse(response) : response);
        $("status").textContent = t("done");
        document.body.dataset.state = "done";
      })
      .catch(function (err) {
        showError(failure(err, body.draft));
        $("status").textContent = "";
        document.body.dataset.state = "failed";
      })
      .then(function () { $("rewrite").disabled = false; });
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function insert() {
    var text = $("reply").value;
    if (!text.trim()) return;
    client
      .get("ticket.editor.capabilities")
      .then(function (data) {
        var caps = data["ticket.editor.capabilities"] || {};
        // the rich-text editor takes HTML: escape the reply and keep its line breaks
        var value = caps.richText ? escapeHTML(text).replace(/\r?\n/g, "<br>") : text;
        return client.invoke("ticket.editor.insert", value);
      })
      .then(function () { $("inserted").textContent = t("inserted"); });
  }

  function resize() {
    client.invoke("resize", { width: "100%", height: Math.min(document.body.scrollHeight + 16, 1200) + "px" });
  }

  function load() {
    return Promise.all([
      client.metadata(),
      client.get(["ticket.comments", "ticket.requester.name", "ticket.via.channel", "currentUser.name",
        "currentUser.locale"]),
    ]).then(function (got) {
      settings = got[0].settings || {};
      var data = got[1];
      lang = /^zh/i.test(String(data["currentUser.locale"] || "")) ? "zh" : "en";
      applyStrings();
      var read = readComments(data["ticket.comments"]);
      history = read.history;
      names = { customer: data["ticket.requester.name"], agent: data["currentUser.name"] };
      $("customer_message").value = read.message;
      $("status").textContent = read.count ? t("read", { n: read.count }) : t("read_none");
      $("history-note").textContent = history.length ? t("history", { n: history.length }) : "";
      $("channel").value = CHANNELS[data["ticket.via.channel"]] || "email";
      if (settings.policy && !$("policy").value) $("policy").value = settings.policy;
      if (/^(warm|formal|concise)$/.test(settings.tone || "")) $("tone").value = settings.tone;
      document.body.dataset.state = "ready";
      resize();
    });
  }

  function start() {
    client = window.ZAFClient.init();
    $("form").addEventListener("submit", rewrite);
    $("insert").addEventListener("click", insert);
    $("form").addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) rewrite(event);
    });
    client.on("app.registered", function () {
      load().catch(function (err) { showError(String((err && err.message) || err)); });
    });
    client.on("ticket.comments.changed", function () { load(); });
  }

  start();
})();
