// The API key: asked for when the service answers 401, kept in sessionStorage (this tab, until it closes).

import { t } from "./i18n.js";

const STORAGE = "tactful.apiKey";
const $ = (id) => document.getElementById(id);

function stored() {
  try {
    return window.sessionStorage.getItem(STORAGE);
  } catch {
    return memory;
  }
}

let memory = null;

function keep(key) {
  memory = key;
  try {
    if (key) window.sessionStorage.setItem(STORAGE, key);
    else window.sessionStorage.removeItem(STORAGE);
  } catch {
    /* storage off: the key lives in memory for this page only */
  }
}

export function authHeaders() {
  const key = stored();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

// Show the key dialog; resolves with the key typed, or null when the agent cancels.
export function askForKey(message) {
  const dialog = $("key-dialog");
  const input = $("api-key");
  $("key-message").textContent = message || t("key.needed");
  input.value = "";
  return new Promise((resolve) => {
    const done = (value) => {
      $("key-submit").removeEventListener("click", onSubmit);
      $("key-cancel").removeEventListener("click", onCancel);
      input.removeEventListener("keydown", onKey);
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = () => {
      const key = input.value.trim();
      if (key) done(key);
      else input.focus();
    };
    const onCancel = (event) => {
      if (event) event.preventDefault();
      done(null);
    };
    const onKey = (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        onSubmit();
      }
    };
    $("key-submit").addEventListener("click", onSubmit);
    $("key-cancel").addEventListener("click", onCancel);
    input.addEventListener("keydown", onKey);
    dialog.addEventListener("cancel", onCancel);
    dialog.showModal();
    input.focus();
  });
}

// fetch(url, init) with the key; on 401, ask for a key (up to three times) and try again.
export async function fetchWithKey(url, init) {
  let response = await fetch(url, { ...init, headers: { ...init.headers, ...authHeaders() } });
  for (let tries = 0; response.status === 401 && tries < 3; tries += 1) {
    const key = await askForKey(stored() ? t("key.invalid") : t("key.needed"));
    if (!key) break;
    keep(key);
    response = await fetch(url, { ...init, headers: { ...init.headers, ...authHeaders() } });
  }
  return response;
}
