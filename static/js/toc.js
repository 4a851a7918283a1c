// On a narrow screen the contents start folded, so the lesson comes first;
// without this script (or on a wide screen) they stay open.
const toc = document.querySelector(".toc details");
if (toc && window.matchMedia("(max-width: 48rem)").matches) {
  toc.open = false;
}
