// Chatwoot's dashboard-app context, read into the parts of a rewrite request: the customer's last messages,
// the conversation before them, the channel and the names. No DOM here, so it can be tested on its own.
//
// Chatwoot posts, to the app's frame, the string JSON.stringify({event: "appContext", data: {conversation,
// contact, currentAgent}}) when the frame loads and whenever the app posts FETCH_INFO to its parent. The
// conversation is the dashboard's own object: {id, meta: {sender, assignee, channel}, messages: [{content,
// message_type (0 incoming, 1 outgoing, 2 activity, 3 template), private, created_at, ...}], ...}.

export const FETCH_INFO = "chatwoot-dashboard-app:fetch-info";

const INCOMING = new Set([0, "incoming"]);
const OUTGOING = new Set([1, 3, "outgoing", "template"]);
const MAX_TURNS = 30; // RewriteRequest.history
const MAX_TURN_CHARS = 4000; // Turn.text
const MAX_MESSAGE_CHARS = 6000; // RewriteRequest.customer_message
const MAX_NAME_CHARS = 80; // Person.name

// The data of an appContext message (a JSON string, or the object itself), or null for anything else.
export function appContextOf(raw) {
  let message = raw;
  if (typeof raw === "string") {
    try {
      message = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!message || typeof message !== "object" || message.event !== "appContext") return null;
  const data = message.data;
  if (!data || typeof data !== "object" || !data.conversation || typeof data.conversation !== "object") return null;
  return data;
}

function roleOf(message) {
  if (message.private) return null; // a note between agents is not part of what the customer saw
  if (INCOMING.has(message.message_type)) return "customer";
  if (OUTGOING.has(message.message_type)) return "agent";
  return null; // activity lines ("Conversation was resolved") and unknown kinds
}

export function channelOf(name) {
  const value = String(name || "");
  if (/email/i.test(value)) return "email";
  if (/sms/i.test(value)) return "sms";
  if (/voice|phone/i.test(value)) return "phone";
  return "chat";
}

function nameOf(value) {
  return typeof value === "string" && value.trim() ? value.trim().slice(0, MAX_NAME_CHARS) : null;
}

// {conversationId, customerMessage, customerTurns, history, channel, customerName, agentName}: the customer's
// last run of messages is what the draft answers; everything said before it is the history.
export function readConversation(context) {
  const conversation = context.conversation || {};
  const listed = Array.isArray(conversation.messages) ? conversation.messages : [];
  const messages = listed
    .map((m, index) => {
      const ok = m && typeof m === "object";
      return {
        role: ok ? roleOf(m) : null,
        text: ok && typeof m.content === "string" ? m.content.trim() : "",
        at: ok ? Number(m.created_at) || 0 : 0,
        index,
      };
    })
    .filter((m) => m.role && m.text)
    .sort((a, b) => a.at - b.at || a.index - b.index);
  let end = messages.length;
  while (end > 0 && messages[end - 1].role !== "customer") end -= 1; // the agent may have written since
  let start = end;
  while (start > 0 && messages[start - 1].role === "customer") start -= 1;
  const customer = messages.slice(start, end).map((m) => m.text);
  const history = messages
    .slice(0, start)
    .slice(-MAX_TURNS)
    .map((m) => ({ role: m.role, text: m.text.slice(0, MAX_TURN_CHARS) }));
  const meta = conversation.meta || {};
  const contact = context.contact || {};
  const agent = context.currentAgent || {};
  return {
    conversationId: conversation.id ?? null,
    customerMessage: customer.join("\n").slice(-MAX_MESSAGE_CHARS),
    customerTurns: customer.length,
    history,
    channel: channelOf(meta.channel || conversation.channel),
    customerName: nameOf(contact.name) || nameOf(meta.sender && meta.sender.name),
    agentName: nameOf(agent.name),
  };
}
