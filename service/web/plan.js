// SMART ticks for one plan step, judged from what the step says:
//   S  the action says what will be done (a few words at least)
//   M  the customer has a way to see progress (a measure is given)
//   A  the step rests on a policy fact (else it is the agent's commitment to confirm)
//   R  the step shares words with what the customer raised (message, details, need) or the draft answers;
//      relevance is a judgement, so a step without shared words is "unsure", not failed
//   T  the deadline names a time (a number or a time word)

import { tokenize } from "./diff.js";

export const AGENT_COMMITMENT = "agent_commitment";

const TIME_WORDS =
  /\d|today|tonight|tomorrow|morning|afternoon|evening|noon|midnight|hour|minute|day|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of|before|within|by |asap|今天|今晚|明天|后天|上午|下午|晚上|中午|小时|分钟|天内|工作日|周|月|号|点|前|内|立即|马上|当天|[一二两三四五六七八九十半]+[天日]/i;

const HAN = /^[\u3400-\u9fff\uf900-\ufaff]$/;
const STOP = new Set([
  "about", "after", "again", "been", "before", "could", "from", "have", "into", "just", "more", "only",
  "over", "some", "than", "that", "them", "then", "they", "this", "what", "when", "will", "with", "your",
]);

// Content keys of a text: Han bigrams, and Latin words of four letters or more (crudely stemmed).
export function contentKeys(text) {
  const keys = new Set();
  const tokens = tokenize(text.toLowerCase());
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (HAN.test(tok)) {
      if (i + 1 < tokens.length && HAN.test(tokens[i + 1])) keys.add(tok + tokens[i + 1]);
    } else if (/^\p{L}{4,}/u.test(tok) && !STOP.has(tok)) {
      keys.add(tok.replace(/(ing|ed|es|s)$/, ""));
    }
  }
  return keys;
}

function specific(action) {
  const tokens = tokenize(action).filter((tok) => !/^\s+$/.test(tok));
  const han = tokens.filter((tok) => HAN.test(tok)).length;
  return han >= 4 || tokens.length - han >= 3;
}

export function smartTicks(step, context) {
  const about = contentKeys(`${step.action} ${step.measure}`);
  const raised = context.raised;
  return {
    S: specific(step.action || ""),
    M: Boolean(step.measure && step.measure.trim()),
    A: step.source !== AGENT_COMMITMENT,
    R: [...about].some((key) => raised.has(key)),
    T: Boolean(step.deadline && TIME_WORDS.test(step.deadline)),
  };
}

// What the customer raised, as content keys, for the R tick.
export function raisedKeys(customerMessage, draft, analysis) {
  const parts = [customerMessage, draft];
  if (analysis) {
    parts.push(...(analysis.details || []));
    if (analysis.core_need) parts.push(analysis.core_need);
  }
  return contentKeys(parts.join("\n"));
}
