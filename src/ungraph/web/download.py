"""``/download/``: the dumps of the served build, exactly as ``ungraph build`` wrote them.

Every dump (:func:`ungraph.store.dump_files`: the canonical N-Quads dump ``settings.dump`` and, next
to it, Turtle, JSON-LD and N-Triples, each also gzipped) is written at build time; this view only
sends files, and never writes one. ``/download/`` lists them (JSON, or HTML for browsers). Not
available over a remote backend.

The files are opened once, when the app is made (so the working directory does not matter), and sent
from those open files: a new ``ungraph build`` while the server runs renames new dumps over the old
ones, and the server keeps sending the old ones, which match the build it loaded and its ``ETag``s,
until it is restarted (as the pages and the endpoint do).
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, render_template_string, request, send_file
from flask.blueprints import BlueprintSetupState

from ungraph.store import dump_files
from ungraph.web.context import services
from ungraph.web.errors import error_response, wants_html
from ungraph.web.void import DOWNLOADS

__all__ = ["blueprint"]

blueprint = Blueprint("download", __name__)
_OPEN = "ungraph.downloads"  #: app.extensions key: download name -> open file descriptor


@blueprint.record_once
def _open_dumps(state: BlueprintSetupState) -> None:
    """Open every dump of the build being served, once (see the module docstring)."""
    settings = state.app.extensions["ungraph"].settings
    opened: dict[str, int] = {}
    if not settings.backend:
        for name, path in dump_files(settings.dump).items():
            if path.is_absolute() and path.is_file():
                opened[name] = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    state.app.extensions[_OPEN] = opened
    weakref.finalize(state.app, _close, list(opened.values()))


def _close(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)


def _reopen(fd: int, path: Path):
    """A new file object on the file opened at start-up (its own offset); Linux's /proc, else the path."""
    proc = Path(f"/proc/self/fd/{fd}")
    return open(proc if proc.exists() else path, "rb")

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
    fd = current_app.extensions.get(_OPEN, {}).get(name)
    if fd is None:
        return error_response(404, f"this server has no {name} (serve a store built with `ungraph build`)")
    resp = send_file(_reopen(fd, dump_files(services.settings.dump)[name]), mimetype=DOWNLOADS[name][0], as_attachment=False, conditional=True,
                     etag=f"{services.build_id}-{name}", last_modified=services.built_at, max_age=3600)
    resp.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return resp
