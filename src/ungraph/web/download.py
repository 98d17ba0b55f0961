"""``/download/``: the dumps of the served build.

``ungraph.nq`` is the build's canonical N-Quads dump (``settings.dump``), sent as it is. Turtle and
JSON-LD (the union of all graphs, :func:`ungraph.store.export`) are produced on first request and
cached next to the dump as ``<dump stem>.<build id>.ttl`` / ``.jsonld``, so they are made once per
build. ``/download/`` lists them (JSON, or HTML for browsers). Not available over a remote backend.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from flask import Blueprint, Response, jsonify, render_template_string, request, send_file

from ungraph import store as stores
from ungraph.web.context import services
from ungraph.web.errors import error_response, wants_html
from ungraph.web.void import DOWNLOADS

__all__ = ["blueprint", "dump_path"]

blueprint = Blueprint("download", __name__)
_lock = threading.Lock()

_INDEX = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Downloads</title></head><body>
<h1>Downloads</h1><ul>{% for name, mime, what in files %}<li><a href="{{ name }}">{{ name }}</a> ({{ mime }}): {{ what }}</li>
{% endfor %}</ul><p>Described in <a href="../.well-known/void">VoID</a>.</p></body></html>"""


def dump_path(name: str) -> Path:
    """The file behind ``/download/<name>``, produced (once per build) when it is a derived format."""
    dump = Path(services.settings.dump)
    if name == "ungraph.nq":
        return dump
    fmt = name.rsplit(".", 1)[-1]
    target = dump.with_name(f"{dump.stem}.{services.build_id}.{fmt}")
    if not target.is_file():
        with _lock:
            if not target.is_file():
                data = stores.export(services.store, fmt, services.ns.prefixes)
                tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
                tmp.write_bytes(data)
                tmp.replace(target)
    return target


@blueprint.route("/download/", methods=["GET"])
def index() -> Response:
    files = [(name, mime, what) for name, (mime, what) in DOWNLOADS.items()]
    if wants_html():
        return Response(render_template_string(_INDEX, files=files), mimetype="text/html")
    return jsonify(files=[{"name": n, "url": request.url_root + "download/" + n, "mediaType": m, "description": w}
                          for n, m, w in files])


@blueprint.route("/download/<name>", methods=["GET"])
def download(name: str) -> Response:
    if name not in DOWNLOADS:
        return error_response(404, f"no download {name!r}; see /download/")
    if services.settings.backend:
        return error_response(404, "downloads are not available when serving a remote backend")
    if not Path(services.settings.dump).is_file():
        return error_response(404, "this server has no dump (serve a store built with `ungraph build`)")
    path = dump_path(name)
    resp = send_file(path, mimetype=DOWNLOADS[name][0], as_attachment=False, conditional=True,
                     etag=f"{services.build_id}-{name}", last_modified=services.built_at, max_age=3600)
    resp.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return resp
