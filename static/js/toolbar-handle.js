// On a phone, the debug toolbar's handle (django-debug-toolbar, `make run`
// only) sits on the right edge, over the lesson's headings and results. It
// lives in a shadow root the page's stylesheet cannot reach, so this moves it
// down, just above the session bar, and makes it smaller.

const STYLE = `
@media (max-width: 48rem) {
  #djDebug #djDebugToolbarHandle { top: auto !important; bottom: 3.4rem; }
  #djDebug #djShowToolBarButton img { width: 24px; height: 24px; }
}`;

const root = document.getElementById("djDebugRoot")?.shadowRoot;
if (root) {
  const style = document.createElement("style");
  style.textContent = STYLE;
  root.append(style);
}
