// Predict, then run.
//
// The box (templates/includes/predict.html) lists what might happen. When the
// learner presses the lesson's button, the pick is kept in this tab's
// sessionStorage (never in the session being taught). On the page that comes
// back, the script asks /predictions/<lesson>/ which choices held: the server
// checks each one against the recorded request the button sent. The server
// never learns the pick, and the page never decides what happened. Pressed
// without a pick, the button just runs; the box asks for a guess next time.

const box = document.querySelector(".predict");
if (box) start(box);

function start(box) {
  box.hidden = false;
  const key = `prediction:${box.dataset.lesson}`;
  const form = box.querySelector("form.predict-run") ?? followingForm(box);
  form?.addEventListener("submit", () => {
    const picked = box.querySelector("input[name=prediction]:checked");
    remember(key, { choice: picked ? picked.value : null });
  });
  const pending = recall(key);
  if (pending) reveal(box, pending);
}

// The lesson's own form comes right after the box.
function followingForm(box) {
  for (let next = box.nextElementSibling; next; next = next.nextElementSibling) {
    if (next.tagName === "FORM") return next;
  }
  return null;
}

async function reveal(box, pending) {
  const verdict = box.querySelector(".verdict");
  // With the result, where the focus goes after a run (lesson.js).
  const result = document.querySelector(".try-it .outcome");
  result?.querySelector("h3")?.after(verdict);
  if (pending.choice === null) {
    verdict.replaceChildren(element("p", { className: "verdict-line" }, "You ran it without a guess. Next time, pick what you expect first: the page then checks it against your request."));
    verdict.hidden = false;
    return;
  }
  const picked = pending.choice ? box.querySelector(`input[value="${CSS.escape(pending.choice)}"]`) : null;
  if (picked) picked.checked = true;
  box.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(box.dataset.verdictUrl, {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const result = await response.json();
    if (result.refused) {
      // Nothing ran: the guess waits for the run that does.
      remember(`prediction:${box.dataset.lesson}`, pending);
      verdict.replaceChildren(`Your input was refused (${result.request}), so nothing ran: fix it and press the button again.`);
      verdict.hidden = false;
      return;
    }
    show(box, verdict, pending.choice, result);
  } catch (error) {
    verdict.replaceChildren(`Could not check your prediction (${error.message}).`);
    verdict.hidden = false;
  } finally {
    box.removeAttribute("aria-busy");
  }
}

function show(box, verdict, choice, result) {
  if (!result.ran) {
    verdict.replaceChildren("No run of this lesson’s button is on record yet.");
    verdict.hidden = false;
    return;
  }
  const held = new Set(result.held);
  const texts = new Map([...box.querySelectorAll(".predict-choice")].map((label) => [label.dataset.choice, label.querySelector(".choice-text").textContent]));
  const textOf = (value) => texts.get(value) ?? value;
  for (const label of box.querySelectorAll(".predict-choice")) {
    const happened = held.has(label.dataset.choice);
    label.classList.toggle("held", happened);
    label.classList.toggle("picked", label.dataset.choice === choice);
    label.querySelector(".choice-mark")?.remove();
    if (happened) label.querySelector(".choice-text").append(element("span", { className: "choice-mark" }, " — this happened"));
  }
  const happened = result.held.map(textOf).join("; ") || "none of these";
  let headline;
  if (held.has(choice)) {
    verdict.dataset.right = "true";
    headline = element("p", { className: "verdict-line right" }, element("strong", {}, "Right."), ` You predicted “${textOf(choice)}”, and that is what happened.`);
  } else {
    verdict.dataset.right = "false";
    headline = element("p", { className: "verdict-line wrong" }, element("strong", {}, "Not this time."), ` You predicted “${textOf(choice)}”; what happened: `, element("strong", {}, happened), ".");
  }
  const evidence = element("ul", { className: "verdict-evidence" }, ...result.evidence.map((line) => element("li", {}, element("code", {}, line))));
  verdict.replaceChildren(headline, element("p", { className: "verdict-request" }, "Checked against ", element("code", {}, result.request), ":"), evidence);
  verdict.hidden = false;
}

// sessionStorage may be unavailable (privacy modes): the prediction is then
// simply not checked.
function remember(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to check on the next page; the lesson still runs.
  }
}

function recall(key) {
  try {
    const value = JSON.parse(sessionStorage.getItem(key));
    sessionStorage.removeItem(key);
    return value;
  } catch {
    return null;
  }
}

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}
