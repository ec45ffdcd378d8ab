// What both agent pages (the chat box and the Chatwoot app) do with their form fields.
import { safeGet, safeSet } from "./i18n.js";

const $ = (id) => document.getElementById(id);

// Restore each field from this browser's storage and keep it there as the agent types.
export function keepFields(ids) {
  for (const id of ids) {
    const value = safeGet(`tactful.${id}`);
    if (value !== null) $(id).value = value;
    $(id).addEventListener("input", () => safeSet(`tactful.${id}`, $(id).value));
    $(id).addEventListener("change", () => safeSet(`tactful.${id}`, $(id).value));
  }
}

// Copy a text box: the async clipboard where allowed (a frame needs allow="clipboard-write"), else the
// selection the old way, which works inside a click. True when the text reached the clipboard.
export async function copyFrom(box) {
  try {
    await navigator.clipboard.writeText(box.value);
    return true;
  } catch {
    box.select();
    return document.execCommand("copy");
  }
}
