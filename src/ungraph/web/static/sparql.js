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
