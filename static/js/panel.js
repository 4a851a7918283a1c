// The live session panel.
//
// The server renders the panel with every page; this script keeps it live:
// the expiry counts down every second, the panel says what changed since it
// was last shown (in this tab), and it asks /panel/ again when the tab comes
// back into view, when the page is restored from the back/forward cache, and
// when the countdown reaches zero. /panel/ and /panel/stored/ only observe:
// asking them never saves the session nor moves its expiry (tests/panel/
// test_views.py proves it, for every engine).
//
// The JSON is shown with textContent, never parsed as markup; the one piece
// of HTML, the "stored by" part, is the server's own autoescaped template.
//
// On a phone the panel sits far below the lesson: a bar at the bottom of the
// screen sums it up (key, items, time left) and opens the whole panel as a
// sheet over the page.

const BASELINE_KEY = "session-panel:last-seen";
const EXPIRY_KEY = "_session_expiry"; // set_expiry() keeps its argument here
const SIGNED_COOKIES = "signed_cookies";
const REFRESH_DEBOUNCE_MS = 150; // focus and visibility often fire together
const EXPIRED_CHECK_DELAY_MS = 1500; // let the server's clock pass the expiry too
const FOLD_CHARS = 100; // as the `folds` template filter: longer values are folded
const KEY_SHOWN = 8; // characters of the key the phone bar shows
const PHONE = window.matchMedia("(max-width: 48rem)");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const root = document.getElementById("session-panel");
if (root) {
  startPanel(root);
}

function startPanel(panel) {
  const snapshot = JSON.parse(document.getElementById("session-snapshot").textContent);
  const state = {
    panel,
    url: panel.dataset.panelUrl,
    storedUrl: panel.dataset.storedUrl,
    storage: JSON.stringify(snapshot.storage), // what the "stored by" part shows
    countdown: null, // the next tick
    pending: null, // a refresh about to start
    request: null, // a refresh on its way
  };
  startBar(state);
  if (performance.getEntriesByType("navigation")[0]?.type === "back_forward") {
    // Back or forward: the browser may show this page as it was, from its
    // cache, so its snapshot may be stale. Ask the server instead.
    refresh(state);
  } else {
    show(state, snapshot, { rerender: false });
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refreshSoon(state);
  });
  window.addEventListener("focus", () => refreshSoon(state));
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) refreshSoon(state);
  });
}

// Show a snapshot: say what changed since the last one, then count down.
function show(state, snapshot, { rerender }) {
  const changes = describeChanges(loadBaseline(), snapshot);
  if (rerender) render(state.panel, snapshot);
  renderBar(state.panel, snapshot);
  showChanges(state.panel, changes);
  saveBaseline(snapshot);
  startCountdown(state, snapshot);
}

// Several triggers in a row (focus, then visibility) make one request.
function refreshSoon(state) {
  clearTimeout(state.pending);
  state.pending = setTimeout(() => refresh(state), REFRESH_DEBOUNCE_MS);
}

// Ask /panel/ again; a newer request cancels an older one still on its way.
// The panel is aria-busy from the request until its answer is shown: assistive
// technology then announces the result, not each step, and the browser tests
// know when the panel has caught up.
async function refresh(state, { then } = {}) {
  state.request?.abort();
  const request = new AbortController();
  state.request = request;
  state.panel.setAttribute("aria-busy", "true");
  try {
    const snapshot = await (await get(state.url, "application/json", request.signal)).json();
    note(state.panel, "");
    show(state, snapshot, { rerender: true });
    const storage = JSON.stringify(snapshot.storage);
    if (storage !== state.storage) {
      await refreshStored(state, request.signal);
      state.storage = storage;
    }
    then?.(snapshot);
  } catch (error) {
    if (error.name === "AbortError") return;
    note(state.panel, `Could not refresh the panel (${error.message}); it shows the last known state.`);
  } finally {
    if (state.request === request) {
      state.request = null;
      state.panel.removeAttribute("aria-busy");
    }
  }
}

// What the engine stored has a template of its own (includes/panel_storage.html):
// rather than a second renderer here, the server renders it again, read-only.
async function refreshStored(state, signal) {
  const html = await (await get(state.storedUrl, "text/html", signal)).text();
  const fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".stored");
  const current = state.panel.querySelector(".stored");
  if (fresh && current) current.replaceWith(document.adoptNode(fresh));
}

async function get(url, accept, signal) {
  const response = await fetch(url, { headers: { Accept: accept }, cache: "no-store", credentials: "same-origin", signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

// --- The countdown ----------------------------------------------------------

function startCountdown(state, snapshot) {
  clearTimeout(state.countdown);
  state.countdown = null;
  const age = state.panel.querySelector('[data-field="expires"] .expiry-age');
  if (!age || snapshot.expire_at_browser_close || !snapshot.session_key) return;
  const barAge = state.panel.querySelector('[data-bar="expires"]');
  // Count from the server's "seconds left", not from its clock: the two
  // clocks may disagree, the number of seconds does not.
  const deadline = Date.now() + snapshot.expiry_age * 1000;
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    age.textContent = duration(left);
    barAge.textContent = left > 0 ? `${duration(left)} left` : "expired";
    if (left > 0) {
      state.countdown = setTimeout(tick, ((deadline - Date.now()) % 1000) || 1000);
    } else {
      expired(state, snapshot);
    }
  };
  tick();
}

function expired(state, snapshot) {
  const expires = state.panel.querySelector('[data-field="expires"]');
  expires.replaceChildren(
    element("strong", { className: "expired" }, "expired"),
    " ",
    element("span", { className: "muted" }, "— asking the server…"),
  );
  state.countdown = setTimeout(() => {
    refresh(state, { then: (fresh) => confirmExpiry(state.panel, snapshot, fresh) });
  }, EXPIRED_CHECK_DELAY_MS);
}

function confirmExpiry(panel, before, after) {
  if (after.session_key && after.session_key === before.session_key) {
    note(panel, "The server still had the session a moment longer; the countdown goes on.");
    return;
  }
  const cookie = after.cookie_sent
    ? "your browser still sent the cookie, but the store no longer has its session"
    : "your browser dropped the expired cookie, so the server sees no session at all";
  note(panel, `Your session expired. /panel/ confirms it: ${cookie}. The next request that stores anything starts a new session, with a new key.`);
}

// --- What changed -----------------------------------------------------------

// Compare two snapshots the way sessions_demo/pages/changes.py compares two states.
function describeChanges(before, after) {
  if (!before) return [];
  const changes = [];
  const sameEngine = !before.engine || before.engine === after.engine;
  if (!sameEngine) {
    changes.push({ text: `engine switched: ${before.engine} → ${after.engine}` });
  }
  if (before.session_key && after.session_key && before.session_key !== after.session_key) {
    // With signed_cookies the "key" is the data itself, signed: every save
    // makes a new one, and that is no regeneration.
    const resigned = sameEngine && after.engine === SIGNED_COOKIES;
    const regenerated = `session key regenerated: ${shortKey(before.session_key)} → ${shortKey(after.session_key)}`;
    changes.push({ text: resigned ? "cookie signed afresh (with signed_cookies it holds the data)" : regenerated });
  } else if (!before.session_key && after.session_key) {
    changes.push({ text: "session started" });
  } else if (before.session_key && !after.session_key) {
    changes.push({ text: "session ended" });
  }
  const old = before.data || {};
  const now = after.data || {};
  for (const key of Object.keys(now)) {
    if (key === EXPIRY_KEY) continue;
    if (!(key in old)) changes.push({ text: `added '${key}'`, key });
    else if (asJson(old[key]) !== asJson(now[key])) changes.push({ text: `changed '${key}'`, key });
  }
  for (const key of Object.keys(old)) {
    if (key !== EXPIRY_KEY && !(key in now)) changes.push({ text: `removed '${key}'` });
  }
  if (before.session_key && after.session_key) {
    changes.push(...expiryChanges(before, after));
  }
  return changes;
}

// The start of a key is enough to tell two keys apart (a signed cookie is long).
function shortKey(key) {
  return key.length > 12 ? `${key.slice(0, 8)}…` : key;
}

function expiryChanges(before, after) {
  if (before.expire_at_browser_close !== after.expire_at_browser_close) {
    const text = after.expire_at_browser_close ? "now expires when the browser closes" : "now expires at a set time";
    return [{ text }];
  }
  const moved = Math.round((Date.parse(after.expiry_date) - Date.parse(before.expiry_date)) / 1000);
  if (Math.abs(moved) < 1) return [];
  const text = moved > 0
    ? `expiry moved ${duration(moved)} later: each save counts it again from that moment`
    : `expiry moved ${duration(-moved)} earlier`;
  return [{ text }];
}

function showChanges(panel, changes) {
  const box = panel.querySelector(".panel-changes");
  box.querySelector("ul").replaceChildren(...changes.map(({ text }) => element("li", {}, text)));
  box.hidden = changes.length === 0;
  const touched = new Set(changes.map(({ key }) => key).filter((key) => key !== undefined));
  for (const row of panel.querySelectorAll(".panel-data tbody tr")) {
    row.classList.toggle("just-changed", touched.has(row.dataset.key));
  }
}

// sessionStorage may be unavailable (privacy modes) or full: the panel then
// simply has nothing to compare with.
function loadBaseline() {
  try {
    return JSON.parse(sessionStorage.getItem(BASELINE_KEY));
  } catch {
    return null;
  }
}

function saveBaseline(snapshot) {
  const { engine, session_key, data, expiry_date, expire_at_browser_close } = snapshot;
  const baseline = { engine, session_key, data, expiry_date, expire_at_browser_close };
  try {
    sessionStorage.setItem(BASELINE_KEY, JSON.stringify(baseline));
  } catch {
    // Nothing to compare with next time; the panel itself still works.
  }
}

// --- Rendering a snapshot from /panel/ (the same markup as panel.html) -------

function render(panel, snapshot) {
  const field = (name) => panel.querySelector(`[data-field="${name}"]`);
  field("engine").replaceChildren(element("code", {}, snapshot.engine));
  field("cookie").replaceChildren(
    element("code", {}, snapshot.cookie_name),
    ...(snapshot.cookie_sent ? [] : [" ", element("span", { className: "muted" }, "(your browser sent none)")]),
  );
  field("session_key").replaceChildren(
    snapshot.session_key
      ? folded(snapshot.session_key, "key")
      : element("span", { className: "muted" }, "no session yet — Django creates one, and sends its cookie, when something is first stored"),
  );
  field("expires").replaceChildren(...renderExpiry(snapshot));
  field("data").replaceChildren(renderData(snapshot));
}

function renderExpiry(snapshot) {
  if (snapshot.expire_at_browser_close) {
    return [element("span", { className: "browser-close" }, "when the browser closes"), ...expiryTime(snapshot)];
  }
  if (!snapshot.session_key) {
    return [element("span", { className: "muted" }, `${duration(snapshot.expiry_age)} after the session is first saved`)];
  }
  return ["in ", element("span", { className: "expiry-age" }, duration(snapshot.expiry_age)), ...expiryTime(snapshot)];
}

function expiryTime(snapshot) {
  if (!snapshot.session_key) return [];
  const time = element("time", { dateTime: snapshot.expiry_date }, moment(snapshot.expiry_date));
  const until = snapshot.expire_at_browser_close ? ["the store keeps it until "] : [];
  return [element("br"), element("span", { className: "muted" }, ...until, time)];
}

function renderData(snapshot) {
  const keys = Object.keys(snapshot.data);
  if (keys.length === 0) return element("p", { className: "muted" }, "Empty.");
  const internal = new Set(snapshot.internal_keys);
  const rows = keys.map((key) => {
    const row = element("tr", internal.has(key) ? { className: "internal" } : {});
    row.dataset.key = key;
    const name = element("td", {}, element("code", {}, key));
    if (internal.has(key)) {
      name.append(" ", element("span", { className: "badge", title: "Keys starting with _ are Django’s own" }, "Django’s"));
    }
    row.append(name, element("td", {}, folded(asJson(snapshot.data[key]), "value")));
    return row;
  });
  const head = element("tr", {}, element("th", { scope: "col" }, "Key"), element("th", { scope: "col" }, "Value"));
  return element("table", { className: "panel-data" }, element("thead", {}, head), element("tbody", {}, ...rows));
}

function note(panel, text) {
  const box = panel.querySelector(".panel-note");
  box.textContent = text;
  box.hidden = !text;
}

// --- The phone bar and the sheet it opens ----------------------------------

function startBar(state) {
  const bar = state.panel.querySelector(".panel-bar");
  const column = document.getElementById(bar.getAttribute("aria-controls"));
  const place = () => {
    bar.hidden = !PHONE.matches;
    document.body.classList.toggle("has-panel-bar", PHONE.matches);
    if (!PHONE.matches) openSheet(bar, column, false);
  };
  place();
  PHONE.addEventListener("change", place);
  bar.addEventListener("click", () => {
    const open = bar.getAttribute("aria-expanded") !== "true";
    openSheet(bar, column, open);
    if (open) state.panel.focus({ preventScroll: true });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && bar.getAttribute("aria-expanded") === "true") {
      openSheet(bar, column, false);
      bar.focus();
    }
  });
  // The contents' "Your session ↓" link opens the sheet rather than scrolling
  // a long way down.
  for (const link of document.querySelectorAll('a[href="#session-panel"]')) {
    link.addEventListener("click", (event) => {
      if (!PHONE.matches) return;
      event.preventDefault();
      openSheet(bar, column, true);
      state.panel.focus({ preventScroll: true });
    });
  }
}

function openSheet(bar, column, open) {
  bar.setAttribute("aria-expanded", String(open));
  bar.querySelector(".bar-action").textContent = open ? "Close" : "Open";
  column.classList.toggle("sheet-open", open);
  document.body.classList.toggle("sheet-is-open", open);
}

function renderBar(panel, snapshot) {
  const bar = (name) => panel.querySelector(`[data-bar="${name}"]`);
  const key = snapshot.session_key;
  bar("key").replaceChildren(key ? element("code", {}, `${key.slice(0, KEY_SHOWN)}…`) : "no session yet");
  const count = Object.keys(snapshot.data).length;
  bar("items").textContent = `${count} item${count === 1 ? "" : "s"}`;
  let expires = "";
  if (snapshot.expire_at_browser_close) expires = "ends with the browser";
  else if (key) expires = `${duration(snapshot.expiry_age)} left`;
  bar("expires").textContent = expires;
}

// --- Small helpers ----------------------------------------------------------

// A long value (a signed cookie is up to 4 KB) shows its start; the rest
// unfolds on demand. The same markup as templates/panel/folded.html.
function folded(value, className) {
  if (value.length <= FOLD_CHARS) return element("code", { className }, value);
  const start = element("code", { className: "folded-start" }, `${value.slice(0, FOLD_CHARS / 2)}…`);
  const size = element("span", { className: "fold-size" }, `${value.length} characters, folded`);
  const summary = element("summary", {}, start, " ", size);
  return element("details", { className: "fold" }, summary, element("code", { className: `${className} raw` }, value));
}

// Children given as strings become text nodes: nothing here parses markup.
function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

// The same spelling as the `duration` template filter: "13 days 23 h",
// "4 min 59 s", "42 s": the two largest units.
function duration(total) {
  const seconds = Math.max(0, Math.floor(total));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  let parts;
  if (days) parts = [`${days} day${days === 1 ? "" : "s"}`, hours ? `${hours} h` : ""];
  else if (hours) parts = [`${hours} h`, minutes ? `${minutes} min` : ""];
  else if (minutes) parts = [`${minutes} min`, secs ? `${secs} s` : ""];
  else parts = [`${secs} s`];
  return parts.filter(Boolean).join(" ");
}

// The same spelling as the `moment` template filter: "13 Dec 2026, 11:54:48 UTC".
function moment(iso) {
  const when = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  const time = `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}:${pad(when.getUTCSeconds())}`;
  return `${when.getUTCDate()} ${MONTHS[when.getUTCMonth()]} ${when.getUTCFullYear()}, ${time} UTC`;
}

// The same spelling as the `as_json` template filter (Python's json.dumps).
function asJson(value) {
  if (Array.isArray(value)) return `[${value.map(asJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${asJson(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}
