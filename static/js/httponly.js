// SESSION_COOKIE_HTTPONLY, seen from the page: which cookies can a script read?
// The session cookie's name comes from the server through json_script.
(() => {
  const data = JSON.parse(document.getElementById("httponly-data").textContent);
  const box = document.getElementById("cookie-visibility");
  const names = document.cookie
    .split(";")
    .map((pair) => pair.trim().split("=")[0])
    .filter(Boolean);
  const visible = names.includes(data.cookie_name);

  const verdict = document.createElement("p");
  verdict.className = visible ? "script-verdict visible" : "script-verdict hidden";
  verdict.dataset.visible = String(visible);
  const name = document.createElement("code");
  name.textContent = data.cookie_name;
  verdict.append(
    "This page’s script ",
    visible ? "CAN read " : "cannot read ",
    name,
    visible
      ? ": the cookie was sent without HttpOnly, so an injected script could steal the session key."
      : data.sent
        ? ": your browser did send it with this page’s request, but keeps it from scripts (HttpOnly)."
        : ": you have no session cookie yet; save your session first.",
  );

  const seen = document.createElement("p");
  seen.append("document.cookie shows: ");
  const list = document.createElement("code");
  list.textContent = names.length ? names.join(", ") : "(nothing)";
  seen.append(list);

  box.replaceChildren(verdict, seen);
})();
