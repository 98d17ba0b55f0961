"""``/download/``: the dumps of the served build, exactly as ``ungraph build`` wrote them.

Every dump (:func:`ungraph.store.dump_files`: the canonical N-Quads dump ``settings.dump`` and, next
to it, Turtle, JSON-LD and N-Triples, each also gzipped) is written at build time; this view only
sends files (paths resolved once at start-up, so the working directory does not matter), and never
writes one. ``/download/`` lists them (JSON, or HTML for browsers). Not available over a remote
backend.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template_string, request, send_file

from ungraph.store import dump_files
from ungraph.web.context import services
from ungraph.web.errors import error_response, wants_html
from ungraph.web.void import DOWNLOADS

__all__ = ["blueprint"]

blueprint = Blueprint("download", __name__)

_INDEX = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Downloads</title></head><body>
<h1>Downloads</h1><ul>{% for name, mime, what in files %}<li><a href="{{ name }}">{{ name }}</a> ({{ mime }}): {{ what }}</li>
{% endfor %}</ul><p>Described in <a href="../.well-known/void">VoID</a>.</p></body></html>"""


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
    path = dump_files(services.settings.dump)[name]
    if not path.is_absolute() or not path.is_file():
        return error_response(404, f"this server has no {name} (serve a store built with `ungraph build`)")
    resp = send_file(path, mimetype=DOWNLOADS[name][0], as_attachment=False, conditional=True,
                     etag=f"{services.build_id}-{name}", last_modified=services.built_at, max_age=3600)
    resp.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return resp
