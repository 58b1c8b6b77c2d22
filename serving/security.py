"""The web's edge: safe headers, no cross-site changes, a 4xx with its reason for every bad
request. ``app.py`` calls :func:`harden` once, after every callback is registered. The one
module of ``serving`` that knows Flask; of Dash it is handed only what it needs (the inline
scripts' hashes, the callback map, the exception meaning "no such file").

* **Headers on every response** (pages, assets, API, errors): :func:`security_headers`. The
  CSP allows scripts from the server itself and Dash's inline scripts by SHA-256, never
  ``'unsafe-eval'`` (the browser tests fail on any violation); ``style-src`` needs
  ``'unsafe-inline'`` (React's ``style`` attributes, the ``<style>`` elements plotly.js and
  the Dash components insert); saved pictures are ``data:`` and ``blob:`` URLs.
* **No cross-site changes** (:func:`cross_site`): a request of any method but GET, HEAD and
  OPTIONS is refused (403) when the browser says another site sent it. One with neither
  ``Sec-Fetch-Site`` nor ``Origin`` is no browser page's (curl, scripts, the tests'
  clients) and passes: Redes gives a browser no cookie or credential a script lacks.
  ``REDES_API_KEY``, when set, is required by ``POST /api/datasets`` (``X-Redes-Api-Key``).
* **Bad requests are 4xx, never a 500**: a wrong method (405), a body that is not what the
  page or the API sends (415, 400), an unknown ``lang`` (400), a file the component suites
  lack or a ``..`` in its path (404), too many multipart parts (413, saying so), headers
  over :data:`MAX_HEADER_BYTES` (431). Answers are JSON ``{"error": ...}`` in the reader's
  language; a 500 says the error was logged, never what it was.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import flask
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from network.model.limits import MB
from network.text.catalogue import LANGUAGES, pick_language, t
from serving.callback_requests import callback_problem
from settings import Settings

log = logging.getLogger(__name__)

CALLBACK_PATH = "/_dash-update-component"
UPLOAD_PATH = "/api/datasets"
POST_ONLY = (CALLBACK_PATH, UPLOAD_PATH)
API_KEY_HEADER = "X-Redes-Api-Key"
#: Methods that change nothing; every other one is checked for its site.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: ``Sec-Fetch-Site`` values of a request a page of this server (or the user) made.
OWN_SITE = frozenset({"same-origin", "none"})
#: Most bytes of request headers read (gunicorn's own limits are lower: 8 KiB a field).
MAX_HEADER_BYTES = 16 * 1024
#: Multipart parts an upload may have beyond its files (other form fields).
EXTRA_FORM_PARTS = 16
#: Below these, an address no route of the server has is a 404 (Dash answers any other GET
#: with the page).
RESERVED_PREFIXES = ("/api/", "/template/", "/_dash-", "/assets/", "/static/")
PERMISSIONS_POLICY = ", ".join([
    "accelerometer=()", "camera=()", "display-capture=()", "geolocation=()", "gyroscope=()",
    "magnetometer=()", "microphone=()", "midi=()", "payment=()", "usb=()",
    "fullscreen=(self)",  # presenter mode
])
_DEFAULT_PORTS = {"http": 80, "https": 443}


# --- the headers --------------------------------------------------------------------------


def content_security_policy(script_hashes: Sequence[str], frame_ancestors: str) -> str:
    """The policy, scripts allowed by origin and by hash only.

    >>> content_security_policy(["'sha256-abc='"], "'self'").split("; ")[:3]
    ["default-src 'self'", "script-src 'self' 'sha256-abc='", "style-src 'self' 'unsafe-inline'"]
    """
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(script_hashes: Sequence[str], frame_ancestors: str) -> dict[str, str]:
    """Every header each response carries."""
    headers = {
        "Content-Security-Policy": content_security_policy(script_hashes, frame_ancestors),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }
    # the same for browsers that know no frame-ancestors, where it can say as much
    legacy = {"'self'": "SAMEORIGIN", "'none'": "DENY"}.get(frame_ancestors)
    if legacy:
        headers["X-Frame-Options"] = legacy
    return headers


# --- who may change things ----------------------------------------------------------------


def cross_site(method: str, host: str, fetch_site: str | None, origin: str | None) -> bool:
    """Whether a browser says this request comes from another site and it may change
    something. ``Sec-Fetch-Site`` (which a page cannot forge) decides when present; else
    ``Origin`` must name this host; with neither, it is not a browser page's request.

    >>> cross_site("POST", "redes.example", "cross-site", "https://evil.example")
    True
    >>> cross_site("POST", "redes.example", "same-origin", "https://redes.example")
    False
    >>> cross_site("POST", "redes.example:8050", None, "http://redes.example:8050")
    False
    >>> cross_site("POST", "redes.example", None, "null"), cross_site("POST", "x", None, None)
    (True, False)
    >>> cross_site("GET", "redes.example", "cross-site", "https://evil.example")
    False
    """
    if method.upper() in SAFE_METHODS:
        return False
    if fetch_site:
        return fetch_site.strip().lower() not in OWN_SITE
    if origin is None:
        return False
    return not _same_host(origin, host)


def _same_host(origin: str, host: str) -> bool:
    """Whether the ``Origin`` header names the host (and port) the request was sent to."""
    try:
        sent, to = urlsplit(origin.strip()), urlsplit("//" + host.strip())
        if sent.scheme not in _DEFAULT_PORTS or not sent.hostname:
            return False  # "null" (a sandboxed frame, a file) or nonsense
        default = _DEFAULT_PORTS[sent.scheme]
        return sent.hostname == to.hostname and (sent.port or default) == (to.port or default)
    except ValueError:  # a port that is not a number
        return False


# --- the Flask side -----------------------------------------------------------------------


def harden(server: flask.Flask, settings: Settings, *,
           script_hashes: Callable[[], Sequence[str]],
           callbacks: Mapping[str, Mapping[str, Any]],
           kinds: Mapping[str, frozenset[str]] | None = None,
           not_found: tuple[type[Exception], ...] = ()) -> None:
    """Set up the headers, the cross-site check and the answers to bad requests on
    ``server``. ``script_hashes`` lists the CSP hashes of the page's inline scripts (Dash's
    ``app.csp_hashes``), ``callbacks`` is Dash's callback map, ``kinds`` the JSON kinds of
    the page's values (``serving.callback_requests.value_kinds``), ``not_found`` the
    exceptions that mean a requested file does not exist (Dash's ``DependencyException``)."""
    server.config["MAX_FORM_PARTS"] = settings.limits.max_files + EXTRA_FORM_PARTS
    Edge(server, settings, script_hashes, callbacks, kinds or {}).register(not_found)


class Edge:
    """The checks and answers :func:`harden` registers, with what they need."""

    def __init__(self, server: flask.Flask, settings: Settings,
                 script_hashes: Callable[[], Sequence[str]],
                 callbacks: Mapping[str, Mapping[str, Any]],
                 kinds: Mapping[str, frozenset[str]]) -> None:
        self.server = server
        self.kinds = kinds
        self.settings = settings
        self.script_hashes = script_hashes
        self.callbacks = callbacks

    def register(self, not_found: tuple[type[Exception], ...]) -> None:
        server = self.server
        server.before_request(self.check_request)
        server.after_request(self.add_headers)
        server.register_error_handler(HTTPException, self.http_error)
        server.register_error_handler(500, self.server_error)
        for kind in not_found:
            server.register_error_handler(kind, self.missing_file)

    # -- answers

    def lang(self) -> str:
        wanted = flask.request.args.get("lang", "")
        if wanted in LANGUAGES:
            return wanted
        return pick_language(flask.request.headers.get("Accept-Language"), self.settings.lang)

    def text(self, key: str, **params: object) -> str:
        return t(key, self.lang(), **params)

    def answer(self, status: int, message: str,
               headers: Mapping[str, str] | None = None) -> flask.Response:
        response = flask.jsonify(error=message)
        response.status_code = status
        response.headers.update(headers or {})
        return response

    def add_headers(self, response: flask.Response) -> flask.Response:
        headers = security_headers(self.script_hashes(), self.settings.frame_ancestors)
        response.headers.update(headers)
        return response

    # -- checks, in order, before any view runs

    def check_request(self) -> flask.Response | None:
        request = flask.request
        size = sum(len(name) + len(value) + 4 for name, value in request.headers.items())
        if size > MAX_HEADER_BYTES:
            return self.answer(431, self.text("http.headers_too_large",
                                              limit=MAX_HEADER_BYTES // 1024))
        if cross_site(request.method, request.host, request.headers.get("Sec-Fetch-Site"),
                      request.headers.get("Origin")):
            log.info("refused a cross-site %s %s from %s", request.method, request.path,
                     request.headers.get("Origin") or request.headers.get("Sec-Fetch-Site"))
            return self.answer(403, self.text("http.cross_site"))
        if request.path in POST_ONLY and request.method not in ("POST", "OPTIONS"):
            return self.answer(405, self.text("http.method_not_allowed", method=request.method,
                                              allowed="POST"), {"Allow": "POST, OPTIONS"})
        rule = request.url_rule
        if (rule is not None and rule.rule.endswith("<path:path>")
                and request.path.startswith(RESERVED_PREFIXES)):
            return self.answer(404, self.text("http.not_found"))
        if request.method != "POST":
            return None
        if request.path == UPLOAD_PATH:
            return self.check_upload()
        if request.path == CALLBACK_PATH:
            return self.check_callback()
        return None

    def too_large(self) -> bool:
        limit = self.server.config.get("MAX_CONTENT_LENGTH")
        length = flask.request.content_length
        return bool(limit and length and length > limit)

    def check_upload(self) -> flask.Response | None:
        request = flask.request
        key = self.settings.api_key
        if key and not hmac.compare_digest(request.headers.get(API_KEY_HEADER, "").encode(),
                                           key.encode()):
            return self.answer(403, self.text("http.api_key", header=API_KEY_HEADER))
        if self.too_large():
            flask.abort(413)
        if request.mimetype != "multipart/form-data":
            return self.answer(415, self.text("http.unsupported_type", sent=_mimetype(),
                                              expected="multipart/form-data"))
        lang = request.args.get("lang")
        if lang is not None and lang not in LANGUAGES:
            return self.answer(400, self.text("http.unknown_language", wanted=lang[:20],
                                              languages=", ".join(LANGUAGES)))
        return None

    def check_callback(self) -> flask.Response | None:
        request = flask.request
        if self.too_large():
            flask.abort(413)
        if not request.is_json:
            return self.answer(415, self.text("http.unsupported_type", sent=_mimetype(),
                                              expected="application/json"))
        # parsed once: Dash's get_json() reads the same cached value
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nested deeper than Python's parser goes: not the page's
            body = None
        problem = callback_problem(body, self.callbacks, self.kinds)
        if problem:
            return self.answer(400, self.text("http.bad_callback", detail=problem))
        return None

    # -- error handlers: JSON with the reason, never a traceback

    def http_error(self, error: HTTPException) -> Response | HTTPException:
        code = error.code
        if code is None or code < 400:
            return error  # redirects Flask's routing raises
        response = error.get_response()  # keeps Allow and other headers
        if code == 413:
            message = self.too_large_reason()
        elif code == 405:
            allowed = ", ".join(sorted(getattr(error, "valid_methods", None) or [])) or "-"
            message = self.text("http.method_not_allowed", method=flask.request.method,
                                allowed=allowed)
        else:
            message = self.text(_KEYS.get(code, "http.error"), code=code, name=error.name)
        body = self.answer(code, message)
        response.set_data(body.get_data())
        response.content_type = body.content_type
        return response

    def too_large_reason(self) -> str:
        """Why werkzeug said 413: the request's size, or (a multipart body within the size)
        too many parts or a form field too long."""
        request = flask.request
        if self.too_large() or request.content_length is None or (
                request.mimetype != "multipart/form-data"):
            return self.text("upload.request_too_large",
                             limit=_megabytes(self.settings.limits.max_bytes))
        return self.text("http.too_many_parts", parts=self.server.config["MAX_FORM_PARTS"],
                         files=self.settings.limits.max_files)

    def server_error(self, _error: Exception) -> flask.Response:
        # Flask has logged the exception with its traceback; the answer tells none of it
        return self.answer(500, self.text("http.server_error"))

    def missing_file(self, error: Exception) -> flask.Response:
        path = flask.request.path
        if path.startswith("/_dash-component-suites/"):
            return self.answer(404, self.text("http.not_found"))
        self.server.logger.error("Exception on %s [%s]", path, flask.request.method,
                                 exc_info=error)
        return self.answer(500, self.text("http.server_error"))


#: The message of each status a werkzeug error may have (others: ``http.error``).
_KEYS = {400: "http.bad_request", 404: "http.not_found", 415: "http.unsupported_body",
         500: "http.server_error"}


def _mimetype() -> str:
    return flask.request.mimetype[:100] or "no Content-Type"


def _megabytes(size: int) -> str:
    """A size for people, as the upload panel writes it.

    >>> _megabytes(20 * MB), _megabytes(1536 * 1024)
    ('20 MB', '1.5 MB')
    """
    value = size / MB
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"
