// ungraph pages: search-box autocomplete and sortable / filterable tables.
// No framework, no external asset; every string from the server is inserted as text, never as HTML.
"use strict";

function debounce(fn, ms) {
  let t = null;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

function setupAutocomplete(input) {
  const list = document.getElementById(input.getAttribute("aria-controls"));
  const api = input.dataset.api;
  let items = [];
  let active = -1;
  let lastQuery = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(i) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((o, k) => o.setAttribute("aria-selected", k === i ? "true" : "false"));
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(results) {
    items = results;
    list.replaceChildren();
    results.forEach((r, i) => {
      const li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const label = document.createElement("span");
      label.textContent = r.label;
      if (r.matched && r.matched !== r.label) {
        const m = document.createElement("small");
        m.className = "matched";
        m.textContent = " " + r.matched;
        label.appendChild(m);
      }
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = r.kind;
      li.append(label, kind);
      li.addEventListener("mousedown", (e) => { e.preventDefault(); window.location.href = r.url; });
      list.appendChild(li);
    });
    if (results.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    active = -1;
  }

  const fetchResults = debounce(async (q) => {
    if (!q.trim()) { close(); return; }
    lastQuery = q;
    try {
      const resp = await fetch(api + "?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } });
      if (!resp.ok || q !== lastQuery) return;
      const data = await resp.json();
      if (q === input.value) render(data.results || []);
    } catch (e) { close(); }
  }, 120);

  input.addEventListener("input", () => fetchResults(input.value));
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, -1)); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = items[active].url; }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

function normalize(s) {
  return s.normalize("NFKC").toLowerCase().replace(/[\s\u00b7\u30fb\u2022\u2027\u2219\u22c5\uff65\u2010-\u2015\-_]+/g, "");
}

function setupTable(table) {
  const tbody = table.tBodies[0];
  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((th, col) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const asc = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      const numeric = th.dataset.type === "number";
      const rows = Array.from(tbody.rows);
      rows.sort((a, b) => {
        const x = a.cells[col].textContent.trim();
        const y = b.cells[col].textContent.trim();
        const c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, document.documentElement.lang);
        return asc ? c : -c;
      });
      tbody.append(...rows);
    });
  });
  const filter = document.querySelector('[data-filter="' + table.id + '"]');
  const status = document.getElementById(table.id + "-status");
  if (filter) {
    const template = status ? status.textContent : "";
    filter.addEventListener("input", () => {
      const q = normalize(filter.value);
      let shown = 0;
      Array.from(tbody.rows).forEach((row) => {
        const hit = !q || normalize(row.textContent).includes(q);
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      if (status) status.textContent = template.replace(/\d+/, String(shown));
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[role=combobox][data-api]").forEach(setupAutocomplete);
  document.querySelectorAll("table.sortable").forEach(setupTable);
});
