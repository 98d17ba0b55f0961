/* The query page: YASGUI on our endpoint, our prefixes, the example gallery and a bar chart.
   Nothing here talks to any server but this one: YASQE's autocompleters that call prefix.cc and
   lov.linkeddata.es are switched off, and the page's Content-Security-Policy blocks other origins. */
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") return;
  var cfg = JSON.parse(document.getElementById(el.dataset.configId).textContent);

  function prefixBlock(query) {
    var lines = [];
    Object.keys(cfg.prefixes).forEach(function (p) {
      var re = new RegExp("(^|[\\s(/^|,;.{])" + p.replace(/[-.]/g, "\\$&") + ":");
      if (re.test(query) && !new RegExp("PREFIX\\s+" + p + ":", "i").test(query)) {
        lines.push("PREFIX " + p + ": <" + cfg.prefixes[p] + ">");
      }
    });
    return lines.length ? lines.join("\n") + "\n" : "";
  }

  /* A bar chart of the first text column against the first numeric one (SVG, no library). */
  function ChartPlugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; }
  ChartPlugin.prototype.columns = function () {
    var r = this.yasr.results;
    if (!r || !r.getBindings || !r.getVariables) return null;
    var rows = r.getBindings() || [], vars = r.getVariables() || [];
    if (!rows.length) return null;
    var num = vars.find(function (v) {
      return rows.every(function (b) { return b[v] && b[v].type !== "uri" && b[v].value !== "" && !isNaN(Number(b[v].value)); });
    });
    if (!num) return null;
    var lab = vars.find(function (v) { return v !== num; }) || num;
    return { rows: rows.slice(0, 60), num: num, lab: lab };
  };
  ChartPlugin.prototype.canHandleResults = function () { return !!this.columns(); };
  ChartPlugin.prototype.getIcon = function () {
    var s = document.createElement("span"); s.textContent = "▮"; return s;
  };
  ChartPlugin.prototype.draw = function () {
    var c = this.columns(), ns = "http://www.w3.org/2000/svg";
    var box = document.createElement("div"); box.className = "ug-chart";
    var max = Math.max.apply(null, c.rows.map(function (b) { return Number(b[c.num].value); }).concat([1]));
    var h = 20, lw = 260, w = 760;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + (c.rows.length * h + 10));
    svg.setAttribute("role", "img"); svg.setAttribute("aria-label", c.num + " by " + c.lab);
    c.rows.forEach(function (b, i) {
      var v = Number(b[c.num].value), label = b[c.lab] ? b[c.lab].value : "";
      if (label.length > 40) label = "…" + label.slice(-39);
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", lw - 6); t.setAttribute("y", i * h + 15); t.setAttribute("text-anchor", "end");
      t.textContent = label; svg.appendChild(t);
      var r = document.createElementNS(ns, "rect");
      r.setAttribute("x", lw); r.setAttribute("y", i * h + 3);
      r.setAttribute("width", Math.max(1, (w - lw - 60) * Math.max(0, v) / max)); r.setAttribute("height", h - 6);
      svg.appendChild(r);
      var n = document.createElementNS(ns, "text");
      n.setAttribute("x", lw + 4 + (w - lw - 60) * Math.max(0, v) / max); n.setAttribute("y", i * h + 15);
      n.textContent = b[c.num].value; svg.appendChild(n);
    });
    box.appendChild(svg);
    this.yasr.resultsEl.appendChild(box);
  };
  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);

  /* YASGUI deep-merges its options, concatenating arrays: the defaults themselves must lose the
     autocompleters that fetch from prefix.cc and lov.linkeddata.es. */
  if (Yasgui.Yasqe && Yasgui.Yasqe.defaults) Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  if (Yasgui.defaults && Yasgui.defaults.yasqe) Yasgui.defaults.yasqe.autocompleters = ["variables"];

  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: cfg.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: cfg.endpoint }]; } },
    persistenceId: "ungraph-yasgui",
    populateFromUrl: true,
    corsProxy: undefined,
    yasqe: { value: cfg.default, resizeable: true, editorHeight: "320px" },
    yasr: { prefixes: cfg.prefixes, defaultPlugin: "table", pluginOrder: ["table", "chart", "response"] }
  });

  function openExample(ex) {
    var tab = yasgui.addTab(true, Object.assign({}, Yasgui.Tab.getDefaults(), { name: ex.title }));
    tab.setQuery(prefixBlock(ex.query) + ex.query);
    tab.setEndpoint(cfg.endpoint);
    tab.query();
  }
  document.querySelectorAll("[data-example]").forEach(function (a) {
    var ex = cfg.examples[Number(a.dataset.example)];
    a.setAttribute("href", "#query=" + encodeURIComponent(ex.query) + "&endpoint=" + encodeURIComponent(cfg.endpoint));
    a.addEventListener("click", function (ev) { ev.preventDefault(); openExample(ex); });
  });
  window.ungraphYasgui = yasgui;
})();
