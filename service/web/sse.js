// POST /rewrite/stream and read its Server-Sent Events (EventSource cannot POST, so fetch + a reader).

import { fetchWithKey } from "./key.js";

export class ProblemError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.problem = problem;
  }
}

async function problemOf(response) {
  try {
    const body = await response.json();
    if (body && typeof body === "object") return { status: response.status, ...body };
  } catch {
    /* not JSON */
  }
  return { status: response.status, title: response.statusText, detail: `HTTP ${response.status}` };
}

// Split a buffer into complete SSE blocks; returns [events, rest]. Comment lines (":") are dropped.
export function parseBlocks(buffer) {
  const events = [];
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop();
  for (const block of blocks) {
    let type = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") type = value;
      else if (field === "data") data.push(value);
    }
    if (data.length) events.push({ type, data: JSON.parse(data.join("\n")) });
  }
  return [events, rest];
}

// Calls onEvent({type, data}) for each event; resolves when the stream ends; throws ProblemError for
// a refused request (413, 422 ...) and the fetch error for a network failure or an abort.
export async function streamRewrite(body, { signal, onEvent }) {
  const response = await fetchWithKey("/rewrite/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw new ProblemError(await problemOf(response));
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const [events, rest] = parseBlocks(buffer);
    buffer = rest;
    for (const event of events) onEvent(event);
  }
  const [events] = parseBlocks(buffer + decoder.decode() + "\n\n");
  for (const event of events) onEvent(event);
}

export async function postJSON(url, body, method = "POST") {
  const response = await fetchWithKey(url, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ProblemError(await problemOf(response));
  return response.json();
}
