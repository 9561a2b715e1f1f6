// sitrep's only script, loaded from 'self' under a CSP that allows no
// inline code. The pages work without it; it only tidies things up.
"use strict";

// Back to a page whose form was submitted: undo the disabling below.
window.addEventListener("pageshow", () => {
  for (const el of document.querySelectorAll("#filters [disabled]")) {
    el.disabled = false;
  }
});

document.addEventListener("DOMContentLoaded", () => {
  // Filters are a GET form, so a filtered view is a URL to share. Empty
  // fields would clutter that URL (?from=&to=&...): leave them out.
  const form = document.getElementById("filters");
  if (form) {
    form.addEventListener("submit", () => {
      for (const el of form.querySelectorAll("input, select")) {
        if (el.name && el.value.trim() === "") {
          el.disabled = true;
        }
      }
    });
    // A sub-type implies its type: picking one clears a type that no
    // longer matches, rather than answering with a 400.
    const sub = form.elements.namedItem("subtype");
    const typ = form.elements.namedItem("type");
    if (sub && typ) {
      sub.addEventListener("change", () => {
        if (sub.value !== "") {
          typ.value = "";
        }
      });
    }
  }
});
