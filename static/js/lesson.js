// A lesson page after its try-it ran: focus moves to the result, so a keyboard
// or screen-reader user lands on what happened rather than at the top of the
// page. And tables get their column names on each cell, which the narrow
// layout shows in front of the value (site.css).

const result = document.querySelector(".try-it .outcome");
if (result && ["#try-it", "#predict"].includes(location.hash)) {
  // After the load: the browser's own move to the #try-it fragment comes
  // first, and would take the focus back to the page.
  const focusResult = () => {
    result.tabIndex = -1;
    result.focus({ preventScroll: true });
    result.scrollIntoView({ block: "center" });
  };
  if (document.readyState === "complete") focusResult();
  else window.addEventListener("load", () => setTimeout(focusResult), { once: true });
}

for (const table of document.querySelectorAll(".lesson table:not(.panel-data, .lab-table)")) {
  const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  if (names.length === 0) continue;
  table.classList.add("labelled");
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, index) => {
      if (names[index] && !cell.dataset.label) cell.dataset.label = names[index];
    });
  }
}
