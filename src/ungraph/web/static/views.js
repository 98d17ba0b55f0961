/* The views (timeline, map, charts) drawn with Apache ECharts from the JSON of their /api/ twins.
   Every element with data-view is drawn; the page's own HTML (list, tables) already holds the same
   data, so nothing is lost without script. Only this server is contacted (the page's CSP says so). */
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;
  var fetched = {};
  var PALETTE = ["#1f5f9e", "#d9822b", "#3a9a5b", "#b8413b", "#7a5ba6", "#8c6d3f", "#c45c9a", "#6b7b8c", "#2aa0a8", "#a8a232",
                 "#0b3d6b", "#e6a96b", "#7fc08f", "#e08a84", "#b7a3d4"];

  function getJSON(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); });
    }
    return fetched[url];
  }
  function config(el) {
    var node = el.dataset.configId && document.getElementById(el.dataset.configId);
    var cfg = node ? JSON.parse(node.textContent) : {};
    if (el.dataset.api) cfg.api = el.dataset.api;
    cfg.lang = cfg.lang || (document.documentElement.lang === "en" ? "en" : "zh");
    cfg.strings = cfg.strings || {};
    return cfg;
  }
  function s(cfg, key, fallback) { return cfg.strings[key] || fallback; }
  function esc(text) {
    var d = document.createElement("div"); d.textContent = text == null ? "" : String(text); return d.innerHTML;
  }
  function chart(el, cfg) {
    var c = echarts.init(el, null, { renderer: "canvas", locale: cfg.lang === "en" ? "EN" : "ZH" });
    window.addEventListener("resize", function () { c.resize(); });
    el.ugChart = c;
    return c;
  }
  function go(params) {
    var url = params.data && params.data.url;
    if (url) window.location.href = url;
  }
  function number(v) { return Number(v).toLocaleString(document.documentElement.lang || "zh"); }

  /* --- timeline: one bar per event from the first to the last day of its date, packed in lanes;
     with its name above the bar when the lanes leave room for names (then a bar's lane is kept free
     for the width of its name) --- */
  function pack(events, msPerPx, withNames) {
    var lanes = [], out = [];
    events.forEach(function (e) {
      var from = Date.parse(e.from), to = Date.parse(e.to) + 86400000;
      var name = e.label.length > 18 ? e.label.slice(0, 17) + "…" : e.label;
      var end = withNames ? Math.max(to, from + (name.length * 12 + 10) * msPerPx) : to;
      var lane = lanes.findIndex(function (x) { return x < from; });
      if (lane < 0) { lane = lanes.length; lanes.push(0); }
      lanes[lane] = end + 2 * 86400000;
      out.push({ from: from, to: to, lane: lane, name: name, event: e });
    });
    return { lanes: lanes.length, items: out };
  }
  function drawTimeline(el, cfg, data) {
    var events = data.events.filter(function (e) { return e.from; });
    if (!events.length) { el.hidden = true; return; }
    var kinds = data.kinds.map(function (k) { return k.key; });
    var t0 = Math.min.apply(null, events.map(function (e) { return Date.parse(e.from); }));
    var t1 = Math.max.apply(null, events.map(function (e) { return Date.parse(e.to) + 86400000; }));
    // the first view leaves out the latest 5% of the ends (a "2030" agenda would squeeze the rest); the slider shows all
    var ends = events.map(function (e) { return Date.parse(e.to) + 86400000; }).sort(function (a, b) { return a - b; });
    var shown = events.length >= 20 ? ends[Math.floor(0.95 * (ends.length - 1))] : t1;
    var msPerPx = (shown - t0) / Math.max(200, el.clientWidth - 40);
    var packed = pack(events, msPerPx, true), named = packed.lanes <= 30;
    if (!named) packed = pack(events, msPerPx, false);
    var laneH = named ? 30 : 18;
    var rows = packed.items.map(function (it) {
      var key = it.event.kinds.length ? it.event.kinds[0].key : "none";
      return { value: [it.from, it.to, it.lane], url: it.event.url, event: it.event, name: it.name,
               itemStyle: { color: PALETTE[Math.max(0, kinds.indexOf(key)) % PALETTE.length] } };
    });
    el.style.height = Math.max(180, packed.lanes * laneH + 110) + "px";
    var c = chart(el, cfg);
    c.setOption({
      animation: false,
      grid: { left: 20, right: 20, top: named ? 24 : 16, bottom: 70 },
      tooltip: {
        formatter: function (p) {
          var e = p.data.event;
          return "<strong>" + esc(e.label) + "</strong><br>" + esc(e.start) + (e.end ? " – " + esc(e.end) : "") +
            (e.kinds.length ? "<br>" + esc(e.kinds.map(function (k) { return k.label; }).join(", ")) : "") +
            (e.places.length ? "<br>" + esc(e.places.map(function (x) { return x.label; }).join(", ")) : "");
        }
      },
      xAxis: { type: "time", min: t0, max: t1, splitLine: { show: true }, axisLine: { onZero: false } },
      yAxis: { type: "value", min: -0.5, max: packed.lanes - 0.5, inverse: true, show: false },
      dataZoom: [{ type: "inside", xAxisIndex: 0, startValue: t0, endValue: shown, filterMode: "none" },
                 { type: "slider", xAxisIndex: 0, startValue: t0, endValue: shown, filterMode: "none", height: 18, bottom: 12 }],
      series: [{
        type: "custom", encode: { x: [0, 1], y: 2 }, data: rows, clip: true,
        renderItem: function (params, api) {
          var a = api.coord([api.value(0), api.value(2)]), b = api.coord([api.value(1), api.value(2)]);
          var bar = { type: "rect", shape: { x: a[0], y: a[1] - (named ? 0 : 6), width: Math.max(b[0] - a[0], 5), height: named ? 9 : 12, r: 2 },
                      style: api.style() };
          if (!named) return bar;
          return { type: "group", children: [bar, { type: "text", silent: true,
            style: { text: rows[params.dataIndex].name, x: a[0], y: a[1] - 3, fill: "#1b1f24", font: "12px sans-serif", textVerticalAlign: "bottom" } }] };
        }
      }]
    });
    c.on("click", go);
    legend(el, data.kinds.map(function (k, i) { return { label: k.label + " (" + k.count + ")", color: PALETTE[i % PALETTE.length] }; }));
  }
  /* A legend under a chart, as a list (colours set through the CSSOM: the CSP forbids style attributes). */
  function legend(el, items) {
    if (items.length < 2) return;
    var ul = document.createElement("ul");
    ul.className = "ug-legend";
    items.forEach(function (it) {
      var li = document.createElement("li"), sw = document.createElement("span");
      sw.className = "swatch"; sw.style.backgroundColor = it.color; sw.setAttribute("aria-hidden", "true");
      li.appendChild(sw); li.appendChild(document.createTextNode(it.label)); ul.appendChild(li);
    });
    el.parentNode.insertBefore(ul, el.nextSibling);
  }

  /* --- map: countries shaded by mentions, joined on M49 codes; cities as points --- */
  function panel(cfg, country) {
    var box = document.getElementById("map-panel");
    if (!box) return;
    var html = "<h2 id=\"map-panel-h\"><a translate=\"no\" href=\"" + esc(country.url) + "\">" + esc(country.label) + "</a> <span class=\"count\">" +
      esc(country.mentions) + "</span></h2><p><a href=\"" + esc(country.url) + "\">" + esc(s(cfg, "views_open_page", "Open")) + "</a></p>";
    var any = false;
    ["missions", "activities", "events", "figures", "cities"].forEach(function (rel) {
      var items = country[rel] || [];
      if (!items.length) return;
      any = true;
      html += "<h3>" + esc(s(cfg, "views_" + rel, rel)) + " <span class=\"count\">" + items.length + "</span></h3><ul>" +
        items.map(function (x) { return "<li><a translate=\"no\" href=\"" + esc(x.url) + "\">" + esc(x.label) + "</a></li>"; }).join("") + "</ul>";
    });
    if (!any) html += "<p>" + esc(s(cfg, "views_nothing_linked", "")) + "</p>";
    box.innerHTML = html;
  }
  /* Rings that cross the antimeridian (Russia, Fiji) are drawn east of it instead of across the map. */
  function unwrap(geometry) {
    if (!geometry) return;
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polys.forEach(function (poly) {
      poly.forEach(function (ring) {
        var lons = ring.map(function (pt) { return pt[0]; });
        if (Math.max.apply(null, lons) - Math.min.apply(null, lons) > 180) {
          ring.forEach(function (pt) { if (pt[0] < 0) pt[0] += 360; });
        }
      });
    });
  }
  function drawMap(el, cfg, data) {
    if (typeof topojson === "undefined") return;
    getJSON(data.geometry).then(function (topo) {
      var geo = topojson.feature(topo, topo.objects.countries);
      geo.features = geo.features.filter(function (f) { return f.id !== "010"; });  // Antarctica
      geo.features.forEach(function (f) { f.properties = { name: f.id || ("x-" + f.properties.name) }; unwrap(f.geometry); });
      echarts.registerMap("ug-world", geo);
      var byCode = {};
      data.countries.forEach(function (c) { byCode[c.m49] = c; });
      var c = chart(el, cfg);
      c.setOption({
        animation: false,
        tooltip: {
          formatter: function (p) {
            if (p.seriesType === "scatter") return esc(p.data.name);
            var d = byCode[p.name];
            return d ? "<strong>" + esc(d.label) + "</strong><br>" + esc(s(cfg, "views_mentions", "")) + ": " + d.mentions : "";
          }
        },
        visualMap: { min: 0, max: Math.max(1, data.max), left: 10, bottom: 10, calculable: true, seriesIndex: 0,
                     text: [s(cfg, "views_mentions", ""), ""], textGap: 18, inRange: { color: ["#dbe8f5", "#6fa3d3", "#08306b"] } },
        geo: { map: "ug-world", roam: true, itemStyle: { areaColor: "#eeeeee", borderColor: "#ffffff", borderWidth: 0.5 },
               emphasis: { itemStyle: { areaColor: "#f5a623" }, label: { show: false } }, select: { itemStyle: { areaColor: "#f5a623" }, label: { show: false } }, label: { show: false },
               selectedMode: "single" },
        series: [
          { type: "map", geoIndex: 0, label: { show: false }, emphasis: { label: { show: false } }, select: { label: { show: false } }, data: data.countries.map(function (d) { return { name: d.m49, value: d.mentions }; }) },
          { type: "scatter", coordinateSystem: "geo", symbolSize: function (v) { return 5 + Math.min(12, 2.5 * Math.sqrt(v[2] || 0)); }, itemStyle: { color: "#b8413b" }, zlevel: 2,
            data: data.cities.map(function (d) { return { name: d.label, value: [d.long, d.lat, d.mentions], url: d.url }; }) }
        ]
      });
      c.on("click", function (p) {
        if (p.seriesType === "scatter") return go(p);
        var d = byCode[p.name];
        if (!d) return;
        panel(cfg, d);
        var q = new URLSearchParams(window.location.search);
        q.set("country", d.iso3 || d.m49);
        history.replaceState(null, "", "?" + q.toString());
      });
      var chosen = new URLSearchParams(window.location.search).get("country");
      if (chosen) {
        var d = data.countries.find(function (x) { return x.iso3 === chosen.toUpperCase() || x.m49 === chosen; });
        if (d) c.dispatchAction({ type: "geoSelect", geoIndex: 0, name: d.m49 });
        if (d) panel(cfg, d);
      }
      el.dataset.drawn = String(geo.features.length);
    });
  }

  /* --- charts --- */
  function bars(el, cfg, categories, series, opts) {
    opts = opts || {};
    el.style.height = (opts.height || Math.max(200, categories.length * (opts.horizontal ? 26 : 0) + 120)) + "px";
    var c = chart(el, cfg);
    var cat = { type: "category", data: categories, inverse: !!opts.horizontal, axisLabel: { width: 220, overflow: "truncate" } };
    var val = { type: "value", axisLabel: { formatter: opts.valueFormat } };
    c.setOption({
      animation: false, color: PALETTE,
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 10, right: 30, top: series.length > 1 ? 40 : 10, bottom: 10, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (ps) {
        return "<strong>" + esc(ps[0].name) + "</strong>" + ps.filter(function (p) { return p.value != null; }).map(function (p) {
          return "<br>" + esc(p.seriesName) + ": " + esc(p.data && p.data.verbatim ? p.data.verbatim : number(p.value));
        }).join("");
      } },
      xAxis: opts.horizontal ? val : cat, yAxis: opts.horizontal ? cat : val,
      series: series.map(function (sr) {
        return { type: "bar", name: sr.name, color: sr.color, stack: opts.stack ? "all" : undefined, data: sr.data, barMaxWidth: 28 };
      })
    });
    c.on("click", go);
    return c;
  }
  function millions(v) { return (v / 1e6).toLocaleString(document.documentElement.lang || "zh") + "M"; }
  function resourceSeries(cfg, data, chapters) {
    var series = data.sources.map(function (src, i) {
      return { name: src.label, color: PALETTE[i % PALETTE.length], data: chapters.map(function (ch) {
        var p = ch.parts.find(function (x) { return x.source === src.iri; });
        return p ? { value: p.value, url: p.url, verbatim: p.verbatim } : null;
      }) };
    });
    var rest = chapters.map(function (ch) {
      var parts = ch.parts.reduce(function (a, p) { return a + p.value; }, 0);
      // the report rounds its totals (73亿 = 60亿 + 9.32亿 + 3.67亿): a remainder under 2% is rounding
      return ch.total - parts > 0.02 * ch.total ? { value: ch.total - parts, url: ch.url, verbatim: ch.verbatim } : null;
    });
    if (rest.some(Boolean)) series.push({ name: s(cfg, "views_not_broken_down", "—"), color: "#9aa3ad", data: rest });
    return series.filter(function (sr) { return sr.data.some(Boolean); });
  }
  function drawResources(el, cfg, data) {
    bars(el, cfg, data.resources.map(function (ch) { return ch.label; }), resourceSeries(cfg, data, data.resources),
         { horizontal: true, stack: true, valueFormat: millions });
  }
  function drawChapterResources(el, cfg, data) {
    var ch = data.resources.filter(function (x) { return x.key === el.dataset.chapter; });
    if (!ch.length) { el.hidden = true; return; }
    bars(el, cfg, [ch[0].label], resourceSeries(cfg, data, ch), { horizontal: true, stack: true, valueFormat: millions, height: 160 });
  }
  function drawKinds(el, cfg, data) {
    bars(el, cfg, data.kinds.map(function (k) { return k.label; }),
         [{ name: s(cfg, "count", "n"), data: data.kinds.map(function (k) { return { value: k.count, url: k.url }; }) }],
         { horizontal: true });
  }
  function drawSeries(el, cfg, data) {
    var sr = data.series[Number(el.dataset.series)];
    if (!sr) return;
    bars(el, cfg, sr.categories, sr.series.map(function (name, i) {
      return { name: name, data: sr.values[i].map(function (v, j) {
        var cell = sr.cells[i][j]; return cell ? { value: v, url: cell.url, verbatim: cell.verbatim } : null;
      }) };
    }), { height: 300 });
  }

  var DRAW = { timeline: drawTimeline, map: drawMap, resources: drawResources, "chapter-resources": drawChapterResources,
               kinds: drawKinds, series: drawSeries };
  document.querySelectorAll("[data-view]").forEach(function (el) {
    var cfg = config(el), draw = DRAW[el.dataset.view];
    if (!draw || !cfg.api) return;
    getJSON(cfg.api).then(function (data) { draw(el, cfg, data); el.dataset.ready = "1"; })
      .catch(function (err) { el.dataset.error = String(err); el.hidden = true; });
  });
  window.ungraphViews = { getJSON: getJSON, palette: PALETTE };
})();
