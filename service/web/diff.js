// Word-level diff of the reply against the draft. Chinese has no spaces between words, so each Han
// character is its own token; Latin words, numbers, spaces and punctuation are tokens as well.

const HAN = "[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]";
const WORD = `(?:(?!${HAN})[\\p{L}\\p{N}])`;
const TOKEN = new RegExp(`${HAN}|${WORD}+(?:['’.,:/-]${WORD}+)*%?|\\s+|[^\\s]`, "gu");
const IS_WORD = new RegExp(`^(?:${HAN}|${WORD})`, "u");
const MAX_CELLS = 4_000_000;

export function tokenize(text) {
  return text.match(TOKEN) || [];
}

// Longest-common-subsequence diff of two token arrays, after trimming their common ends.
export function diffTokens(a, b) {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops = [];
  for (let i = 0; i < start; i++) ops.push(["eq", a[i]]);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    // Too long to align token by token: show the changed middle as one removal and one insertion.
    for (const tok of midA) ops.push(["del", tok]);
    for (const tok of midB) ops.push(["ins", tok]);
  } else {
    ops.push(...lcs(midA, midB));
  }
  for (let i = endA; i < a.length; i++) ops.push(["eq", a[i]]);
  return ops;
}

function lcs(a, b) {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1] + 1
          : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push(["eq", a[i]]);
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      ops.push(["del", a[i++]]);
    } else {
      ops.push(["ins", b[j++]]);
    }
  }
  while (i < n) ops.push(["del", a[i++]]);
  while (j < m) ops.push(["ins", b[j++]]);
  return ops;
}

// Merge runs of the same operation; whitespace between two changes joins the change, so that
// "a b c" -> "x y z" reads as one removal and one insertion rather than a comb.
export function diffTexts(before, after) {
  const ops = diffTokens(tokenize(before), tokenize(after));
  for (let k = 1; k < ops.length - 1; k++) {
    const [op, tok] = ops[k];
    if (op === "eq" && /^\s+$/.test(tok) && ops[k - 1][0] !== "eq" && ops[k + 1][0] !== "eq") {
      ops.splice(k, 1, ["del", tok], ["ins", tok]);
      k++;
    }
  }
  const parts = [];
  for (const [op, tok] of ops) {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += tok;
    else parts.push({ op, text: tok });
  }
  // Group so that each removal precedes its insertion: del/ins/del/ins -> del del / ins ins.
  const grouped = [];
  let dels = "";
  let inss = "";
  const flush = () => {
    if (dels) grouped.push({ op: "del", text: dels });
    if (inss) grouped.push({ op: "ins", text: inss });
    dels = "";
    inss = "";
  };
  for (const part of parts) {
    if (part.op === "del") dels += part.text;
    else if (part.op === "ins") inss += part.text;
    else {
      flush();
      grouped.push(part);
    }
  }
  flush();
  return grouped;
}

// Spans of `text` that also occur, token for token, in one of `phrases`: the customer's own details
// that an empathy sentence reuses. A span needs two Han characters or one word of three letters or more.
export function sharedSpans(text, phrases) {
  const tokens = tokenize(text);
  const lower = tokens.map((tok) => tok.toLowerCase());
  const sources = phrases.map((p) => tokenize(p).map((tok) => tok.toLowerCase()));
  const marks = new Array(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; i++) {
    let best = 0;
    for (const src of sources) {
      for (let s = 0; s < src.length; s++) {
        let k = 0;
        while (i + k < lower.length && s + k < src.length && lower[i + k] === src[s + k]) k++;
        best = Math.max(best, k);
      }
    }
    let from = i;
    let to = i + best;
    while (from < to && !IS_WORD.test(tokens[from])) from++;
    while (to > from && !IS_WORD.test(tokens[to - 1])) to--;
    if (to > from && meaningful(tokens.slice(from, to))) {
      for (let k = from; k < to; k++) marks[k] = true;
      i += best - 1;
    }
  }
  const segments = [];
  tokens.forEach((tok, k) => {
    const last = segments[segments.length - 1];
    if (last && last.mark === marks[k]) last.text += tok;
    else segments.push({ text: tok, mark: marks[k] });
  });
  return segments;
}

const STOP = new Set(["the", "and", "you", "your", "for", "are", "was", "that", "this", "with", "have", "our"]);

function meaningful(run) {
  const han = run.filter((tok) => /^[\u3400-\u9fff\uf900-\ufaff]$/.test(tok)).length;
  if (han >= 2) return true;
  return run.some((tok) => /^[\p{L}\p{N}]/u.test(tok) && tok.length >= 3 && !STOP.has(tok.toLowerCase()));
}
