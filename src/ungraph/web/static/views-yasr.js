/* Result views for the query page beyond the table, chosen as the Wikidata query service does, by a
   comment in the query: #defaultView:Map, #defaultView:Timeline, #defaultView:BarChart (or Table).
   - Map: a column of countries (their IRIs, or literals typed ug:M49Code or ug:ISO3166Alpha3) shades
     the countries, by the first numeric column or by the number of rows; a column of cities (their
     IRIs, placed as /api/map places them), of "Point(long lat)" literals (geo:wktLiteral, as in
     Wikidata) or ?lat/?long columns draw points.
   - Timeline: the first column of dates (xsd:date, dateTime, gYearMonth, gYear) starts each bar, a
     second one ends it.
   - BarChart: the first numeric column against the first other column.
   A column ?xLabel names the values of ?x. Loaded before sparql.js, which creates YASGUI; drawn with
   the vendored ECharts; geometry and country codes come from this server only (/api/map). */
(function () {
  "use strict";
  if (typeof Yasgui === "undefined" || typeof echarts === "undefined") return;
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var DATES = [XSD + "date", XSD + "dateTime", XSD + "gYearMonth", XSD + "gYear"];
  var zh = document.documentElement.lang !== "en";
  var L = zh ? { map: "地图", timeline: "时间线", bar: "条形图", rows: "行数" }
             : { map: "Map", timeline: "Timeline", bar: "Bar chart", rows: "rows" };
  var root = (document.querySelector("a.brand") || { getAttribute: function () { return "/"; } }).getAttribute("href").replace(/\/$/, "");
  var world = null, countries = {}, cities = {};
  function loadWorld() {
    if (!world) {
      world = fetch(root + "/api/map", { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); })
        .then(function (data) {
          data.countries.forEach(function (c) { countries[c.iri] = c; countries["m49:" + c.m49] = c; if (c.iso3) countries["iso3:" + c.iso3] = c; });
          data.cities.forEach(function (c) { cities[c.iri] = c; });
          return data;
        });
    }
    return world;
  }
  loadWorld();

  function table(yasr) {
    var r = yasr.results;
    if (!r || !r.getBindings || !r.getVariables) return null;
    var rows = r.getBindings() || [], vars = r.getVariables() || [];
    return rows.length ? { rows: rows, vars: vars } : null;
  }
  var NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|nonPositiveInteger|negativeInteger|unsignedLong|unsignedInt|unsignedShort|unsignedByte)$/;
  function isNum(b) { return b && b.type !== "uri" && b.value !== "" && !isNaN(Number(b.value)) && NUMERIC.test(b.datatype || "") && b.datatype.indexOf(XSD) === 0; }
  function numericVar(t) { return t.vars.find(function (v) { return t.rows.every(function (b) { return !b[v] || isNum(b[v]); }) && t.rows.some(function (b) { return b[v]; }); }); }
  function label(t, b, v) {
    var l = b[v + "Label"];
    if (l) return l.value;
    if (!b[v]) return "";
    var val = b[v].value;
    return b[v].type === "uri" ? val.replace(/^.*[\/#]/, "") : val;
  }
  function country(b) {
    if (!b) return null;
    if (b.type === "uri") return countries[b.value] || null;
    if (/M49Code$/.test(b.datatype || "")) return countries["m49:" + b.value] || null;
    if (/ISO3166Alpha3$/.test(b.datatype || "")) return countries["iso3:" + b.value] || null;
    return null;
  }
  function point(b, row) {
    if (b && b.type === "uri" && cities[b.value]) return [cities[b.value].long, cities[b.value].lat];
    var m = b && /Point\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i.exec(b.value);
    if (m) return [Number(m[1]), Number(m[2])];
    if (row.lat && row.long && !isNaN(Number(row.lat.value))) return [Number(row.long.value), Number(row.lat.value)];
    return null;
  }
  function box(yasr) {
    var el = document.createElement("div");
    el.className = "ug-yasr-view";
    el.style.height = "480px";
    yasr.resultsEl.appendChild(el);
    return el;
  }
  function link(p) { if (p.data && p.data.url) window.open(p.data.url, "_self"); }
  function esc(text) { var d = document.createElement("div"); d.textContent = text == null ? "" : String(text); return d.innerHTML; }
  function init(el) { return echarts.init(el, null, { renderer: "canvas", locale: zh ? "ZH" : "EN" }); }
  /* An IRI under the configured base opens its page on this server (the base may name another host or port). */
  var base = (function () {
    var node = document.getElementById("ug-sparql-config");
    var ug = node ? (JSON.parse(node.textContent).prefixes || {}).ug : null;
    return ug ? ug.replace(/ontology#$/, "") : null;
  })();
  function pageOf(b) {
    if (!b || b.type !== "uri") return null;
    return base && b.value.indexOf(base) === 0 ? root + "/" + b.value.slice(base.length) : b.value;
  }

  /* --- bar chart --- */
  function BarChart(yasr) { this.yasr = yasr; this.priority = 4; this.label = L.bar; }
  BarChart.prototype.canHandleResults = function () { var t = table(this.yasr); return !!(t && numericVar(t)); };
  BarChart.prototype.getIcon = function () { var s = document.createElement("span"); s.textContent = "▮"; return s; };
  BarChart.prototype.draw = function () {
    var t = table(this.yasr), num = numericVar(t);
    var lab = t.vars.find(function (v) { return v !== num && !/Label$/.test(v); }) || num;
    var rows = t.rows.slice(0, 200);
    var el = box(this.yasr);
    el.style.height = Math.max(240, rows.length * 22 + 60) + "px";
    var c = init(el);
    c.setOption({
      animation: false, grid: { left: 10, right: 40, top: 10, bottom: 10, containLabel: true }, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", name: num }, yAxis: { type: "category", inverse: true, axisLabel: { width: 260, overflow: "truncate" },
      data: rows.map(function (b) { return label(t, b, lab); }) },
      series: [{ type: "bar", name: num, color: "#1f5f9e", data: rows.map(function (b) { return { value: Number(b[num].value), url: pageOf(b[lab]) }; }) }]
    });
    c.on("click", link);
    el.dataset.ready = "1";
  };

  /* --- timeline --- */
  function dateVars(t) {
    return t.vars.filter(function (v) { return t.rows.some(function (b) { return b[v] && DATES.indexOf(b[v].datatype) >= 0; }); });
  }
  function span(value) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value || "");
    if (!m) return null;
    var y = Number(m[1]), mo = m[2] ? Number(m[2]) - 1 : null, d = m[3] ? Number(m[3]) : null;
    if (d) return [Date.UTC(y, mo, d), Date.UTC(y, mo, d + 1)];
    if (mo !== null) return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1)];
    return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  }
  function Timeline(yasr) { this.yasr = yasr; this.priority = 3; this.label = L.timeline; }
  Timeline.prototype.canHandleResults = function () { var t = table(this.yasr); return !!(t && dateVars(t).length); };
  Timeline.prototype.getIcon = function () { var s = document.createElement("span"); s.textContent = "⟷"; return s; };
  Timeline.prototype.draw = function () {
    var t = table(this.yasr), dv = dateVars(t), start = dv[0], end = dv[1];
    var lab = t.vars.find(function (v) { return dv.indexOf(v) < 0 && !/Label$/.test(v); }) || start;
    var items = [];
    t.rows.forEach(function (b) {
      var a = span(b[start] && b[start].value);
      if (!a) return;
      var z = (end && span(b[end] && b[end].value)) || a;
      items.push({ from: a[0], to: Math.max(z[1], a[0] + 86400000), name: label(t, b, lab), when: b[start].value + (end && b[end] ? " – " + b[end].value : ""), url: pageOf(b[lab]) });
    });
    items.sort(function (x, y) { return x.from - y.from; });
    var lanes = [];
    items.forEach(function (it) {
      var lane = lanes.findIndex(function (e) { return e < it.from; });
      if (lane < 0) { lane = lanes.length; lanes.push(0); }
      lanes[lane] = it.to + 2 * 86400000;
      it.lane = lane;
    });
    var el = box(this.yasr);
    el.style.height = Math.max(200, lanes.length * 18 + 80) + "px";
    var c = init(el);
    c.setOption({
      animation: false, grid: { left: 20, right: 20, top: 20, bottom: 40 },
      tooltip: { formatter: function (p) { return "<strong>" + esc(p.data.item.name) + "</strong><br>" + esc(p.data.item.when); } },
      xAxis: { type: "time", axisLine: { onZero: false } }, yAxis: { type: "value", min: -0.5, max: lanes.length - 0.5, inverse: true, show: false },
      dataZoom: [{ type: "inside" }],
      series: [{ type: "custom", encode: { x: [0, 1], y: 2 }, itemStyle: { color: "#1f5f9e" },
        data: items.map(function (it) { return { value: [it.from, it.to, it.lane], item: it, url: it.url }; }),
        renderItem: function (params, api) {
          var a = api.coord([api.value(0), api.value(2)]), b = api.coord([api.value(1), api.value(2)]);
          return { type: "rect", shape: { x: a[0], y: a[1] - 6, width: Math.max(b[0] - a[0], 5), height: 12, r: 2 }, style: api.style() };
        } }]
    });
    c.on("click", link);
    el.dataset.ready = "1";
  };

  /* --- map --- */
  /* Whether a value can be placed, decided from the value itself (the country table may still be
     loading when the results come in; draw() waits for it). */
  function countryLike(b) {
    return !!b && (country(b) || /(M49Code|ISO3166Alpha3)$/.test(b.datatype || "") || (b.type === "uri" && /\/id\/country\/[^\/]+$/.test(b.value)));
  }
  function pointLike(b) {
    return !!b && (point(b, {}) || (b.type === "uri" && /\/id\/city\/[^\/]+$/.test(b.value)));
  }
  function mapColumns(t) {
    var cv = t.vars.find(function (v) { return t.rows.some(function (b) { return countryLike(b[v]); }); });
    var pv = t.vars.find(function (v) { return t.rows.some(function (b) { return pointLike(b[v]); }); });
    var ll = t.vars.indexOf("lat") >= 0 && t.vars.indexOf("long") >= 0;
    return cv || pv || ll ? { country: cv, point: pv, latlong: ll } : null;
  }
  function MapView(yasr) { this.yasr = yasr; this.priority = 2; this.label = L.map; }
  MapView.prototype.canHandleResults = function () { var t = table(this.yasr); return !!(t && mapColumns(t)); };
  MapView.prototype.getIcon = function () { var s = document.createElement("span"); s.textContent = "◍"; return s; };
  MapView.prototype.draw = function () {
    var yasr = this.yasr, t = table(yasr), cols = mapColumns(t), num = numericVar(t);
    var el = box(yasr);
    return loadWorld().then(function (data) {
      return fetch(data.geometry).then(function (r) { return r.json(); });
    }).then(function (topo) {
      var geo = topojson.feature(topo, topo.objects.countries);
      geo.features = geo.features.filter(function (f) { return f.id !== "010"; });
      geo.features.forEach(function (f) {
        f.properties = { name: f.id || ("x-" + f.properties.name) };
        var polys = !f.geometry ? [] : f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
        polys.forEach(function (poly) { poly.forEach(function (ring) {
          var lons = ring.map(function (p) { return p[0]; });
          if (Math.max.apply(null, lons) - Math.min.apply(null, lons) > 180) ring.forEach(function (p) { if (p[0] < 0) p[0] += 360; });
        }); });
      });
      echarts.registerMap("ug-world", geo);
      var values = {}, points = [];
      t.rows.forEach(function (b) {
        var c = cols.country && country(b[cols.country]);
        if (c) {
          var v = num && b[num] ? Number(b[num].value) : 1;
          values[c.m49] = values[c.m49] || { name: c.m49, value: 0, label: c.label, url: c.url };
          values[c.m49].value += v;
        }
        var pt = point(cols.point && b[cols.point], cols.latlong ? b : {});
        if (pt) {
          var lv = t.vars.find(function (v) { return v !== cols.point && v !== "lat" && v !== "long" && v !== num; });
          var city = b[cols.point] && cities[b[cols.point].value];
          points.push({ name: city ? city.label : lv ? label(t, b, lv) : "", value: pt.concat([num && b[num] ? Number(b[num].value) : 1]), url: city ? city.url : lv ? pageOf(b[lv]) : null });
        }
      });
      var list = Object.keys(values).map(function (k) { return values[k]; });
      var max = Math.max.apply(null, [1].concat(list.map(function (x) { return x.value; })));
      var c = init(el);
      c.setOption({
        animation: false,
        tooltip: { formatter: function (p) { return p.data ? "<strong>" + esc(p.data.label || p.data.name) + "</strong><br>" + esc(num || L.rows) + ": " + (p.data.value && p.data.value.length ? p.data.value[2] : p.data.value) : ""; } },
        visualMap: list.length ? { min: 0, max: max, left: 10, bottom: 10, calculable: true, seriesIndex: 0, inRange: { color: ["#dbe8f5", "#6fa3d3", "#08306b"] } } : undefined,
        geo: { map: "ug-world", roam: true, itemStyle: { areaColor: "#eeeeee", borderColor: "#ffffff", borderWidth: 0.5 }, emphasis: { label: { show: false } }, select: { label: { show: false } }, label: { show: false } },
        series: [{ type: "map", geoIndex: 0, label: { show: false }, emphasis: { label: { show: false } }, select: { label: { show: false } }, data: list },
                 { type: "scatter", coordinateSystem: "geo", symbolSize: function (v) { return 5 + Math.min(12, 2.5 * Math.sqrt(v[2] || 0)); }, itemStyle: { color: "#b8413b" }, data: points }]
      });
      c.on("click", link);
      el.dataset.ready = "1";
    });
  };

  Yasgui.Yasr.registerPlugin("barchart", BarChart);
  Yasgui.Yasr.registerPlugin("timeline", Timeline);
  Yasgui.Yasr.registerPlugin("map", MapView);

  /* #defaultView:X in the query chooses the result view, before the results come in. */
  var VIEWS = { table: "table", map: "map", timeline: "timeline", barchart: "barchart" };
  function defaultView(query) {
    var m = /^\s*#\s*defaultView\s*:\s*(\w+)/im.exec(query || "");
    return m ? VIEWS[m[1].toLowerCase()] || null : null;
  }
  window.ungraphDefaultView = defaultView;
  document.addEventListener("DOMContentLoaded", function () {
    var yasgui = window.ungraphYasgui;
    if (!yasgui) return;
    yasgui.on("query", function (_y, tab) {
      var view = defaultView(tab.getQuery());
      if (view && tab.getYasr()) tab.getYasr().selectPlugin(view);
    });
  });
})();
