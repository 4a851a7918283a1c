// Progress through the course, kept in this browser (localStorage), never in
// the session the course is about: each lesson page visited is remembered, the
// contents mark it, the home page offers to continue, and the finish page
// counts what was seen.

const STORE_KEY = "course:visited";

const visited = load();
const here = document.querySelector("article.lesson h1") && location.pathname;
const lessons = [...document.querySelectorAll(".toc-lessons a")].map((link) => link.getAttribute("href"));
if (here && lessons.includes(here)) {
  visited.add(here);
  save(visited);
}
markContents(visited);
offerToContinue(visited, lessons);
countAtTheFinish(visited);

function markContents(seen) {
  for (const link of document.querySelectorAll(".toc-lessons a")) {
    if (!seen.has(link.getAttribute("href")) || link.querySelector(".visited-mark")) continue;
    link.classList.add("visited");
    link.append(Object.assign(document.createElement("span"), { className: "visited-mark", textContent: " (visited)" }));
  }
}

function offerToContinue(seen, all) {
  const button = document.querySelector(".continue-button");
  if (!button || seen.size === 0) return;
  // The lesson after the furthest one visited; past the end, the first not seen.
  const furthest = Math.max(...all.map((href, index) => (seen.has(href) ? index : -1)));
  const next = all[furthest + 1] ?? all.find((href) => !seen.has(href));
  if (!next) return;
  const link = document.querySelector(`.toc-lessons a[href="${CSS.escape(next)}"]`);
  button.href = next;
  button.textContent = `Continue: ${link.firstChild.textContent.trim()} →`;
  button.hidden = false;
  const note = document.querySelector(".course-progress-note");
  note.textContent = `You have visited ${count(seen, all)} of ${all.length} lessons in this browser.`;
  note.hidden = false;
}

function countAtTheFinish(seen) {
  const note = document.querySelector(".finish-progress");
  if (!note) return;
  const all = [...document.querySelectorAll(".recap a")].map((link) => link.getAttribute("href"));
  const missed = all.filter((href) => !seen.has(href));
  note.textContent = missed.length === 0
    ? `You visited all ${all.length} lessons. Well done.`
    : `You visited ${count(seen, all)} of ${all.length} lessons; the ones you have not seen yet are marked below.`;
  for (const link of document.querySelectorAll(".recap a")) {
    if (!seen.has(link.getAttribute("href"))) link.closest("li").classList.add("not-visited");
  }
  note.hidden = false;
}

function count(seen, all) {
  return all.filter((href) => seen.has(href)).length;
}

// localStorage may be unavailable (privacy modes): then nothing is marked.
function load() {
  try {
    return new Set(JSON.parse(localStorage.getItem(STORE_KEY)) ?? []);
  } catch {
    return new Set();
  }
}

function save(seen) {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify([...seen]));
  } catch {
    // Progress is a convenience: the course works without it.
  }
}
