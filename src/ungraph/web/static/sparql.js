/* The query page: YASGUI on our endpoint, our prefixes, the example gallery.
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

  /* The bar chart, map and timeline result views are in views-yasr.js (loaded first). */

  /* YASGUI speaks English only: on a page in another language, its strings (text and tooltips)
     are replaced as it draws them, from the table the server sends (cfg.ui: exact strings, then
     whole-string patterns). The query, the results' cells and headers are data: left alone. */
  var ATTRS = ["title", "aria-label", "placeholder"];
  var DATA = ".CodeMirror, table.dataTable, .ug-yasr-view";
  function localize(root, ui) {
    if (!ui) return;
    var patterns = ui.patterns.map(function (p) { return [new RegExp("^" + p[0] + "$"), p[1]]; });
    function tr(s) {
      var t = s.trim();
      if (!t) return s;
      if (Object.prototype.hasOwnProperty.call(ui.exact, t)) return s.replace(t, ui.exact[t]);
      for (var i = 0; i < patterns.length; i++) {
        if (patterns[i][0].test(t)) {
          var groups = t.match(patterns[i][0]);  // a group that is itself a string (a view's name) is translated too
          return s.replace(t, patterns[i][1].replace(/\$(\d)/g, function (_, n) { return tr(groups[Number(n)] || ""); }));
        }
      }
      return s;
    }
    function attrs(el) {
      var data = el.closest(DATA);
      ATTRS.forEach(function (a) {
        var v = el.getAttribute(a);
        if (!v) return;
        var w = data ? v.replace(/^(.*): activate to sort column (ascending|descending)$/, function (m) { return tr(m); }) : tr(v);
        if (w !== v) el.setAttribute(a, w);
      });
    }
    function walk(node) {
      if (node.nodeType === 3) {
        if (node.parentElement && !node.parentElement.closest(DATA)) {
          var v = tr(node.nodeValue);
          if (v !== node.nodeValue) node.nodeValue = v;
        }
        return;
      }
      if (node.nodeType !== 1 || node.matches(".CodeMirror")) return;
      attrs(node);
      node.childNodes.forEach(walk);
    }
    walk(root);
    new MutationObserver(function (changes) {
      changes.forEach(function (c) {
        if (c.type === "childList") c.addedNodes.forEach(walk);
        else walk(c.target);  // characterData (a text node) or attributes (an element)
      });
    }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRS });
  }

  /* YASGUI deep-merges its options, concatenating arrays: the defaults themselves must lose the
     autocompleters that fetch from prefix.cc and lov.linkeddata.es. */
  if (Yasgui.Yasqe && Yasgui.Yasqe.defaults) Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  if (Yasgui.defaults && Yasgui.defaults.yasqe) Yasgui.defaults.yasqe.autocompleters = ["variables"];

  localize(el, cfg.ui);
  var yasgui = new Yasgui(el, {
    tabName: cfg.ui ? cfg.ui.exact.Query : "Query",
    requestConfig: { endpoint: cfg.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: cfg.endpoint }]; } },
    persistenceId: "ungraph-yasgui",
    populateFromUrl: true,
    corsProxy: undefined,
    yasqe: { value: cfg.default, resizeable: true, editorHeight: "320px" },
    yasr: { prefixes: cfg.prefixes, defaultPlugin: "table", pluginOrder: ["table", "barchart", "map", "timeline", "response"] }
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
  if (cfg.run) openExample({ title: "SPARQL", query: cfg.run });  // /sparql?query=... from a browser
  window.ungraphYasgui = yasgui;
})();
