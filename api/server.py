"""The gunicorn worker Dossier is served with: threads, a deadline per request, problem+json.

`DossierWorker` is gunicorn's `gthread` worker (a main thread that accepts connections and
watches idle keep-alive ones, and a pool of `threads` that handle requests) with two changes:

- **A deadline for reading each request.** gunicorn's thread reads a request with blocking
  reads and no limit on their sum, so a client that trickles one header line every few
  seconds (slowloris) holds a thread for as long as it likes, and a few such clients hold
  them all. Here the socket of a connection is wrapped so that reading one request (its
  head and its body) must finish within `DOSSIER_REQUEST_READ_TIMEOUT` seconds (default 20)
  of its first byte: a head that is not complete by then is answered 408 and the
  connection closed; a body that is not is a 408 from the app (api/errors.py). Sending a
  response is bounded the same way per write, so a client that never reads cannot keep a
  thread either. A connection that sends nothing at all is parked by gunicorn without a
  thread and closed after `keepalive` seconds.
- **Its own error pages are problem+json.** What gunicorn refuses before the app sees it
  (a request line over `limit_request_line`, too many or too large header fields, a
  malformed request) is answered with an `application/problem+json` body built by
  `api.errors.problem_document`, like every other error, instead of gunicorn's HTML page;
  its log line names the client address and the error class, never the request line
  (which may carry search terms in its query string).

Settings are in gunicorn.conf.py (also used by `dossier run` and the Dockerfile); the
choices are explained in docs/production.md.
"""

from __future__ import annotations

import json
import os
import socket
import time
from http import HTTPStatus
from typing import Any

from gunicorn import util
from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import ThreadWorker

from api.errors import PROBLEM_MIME, RequestReadTimeout, problem_document

DEFAULT_REQUEST_READ_TIMEOUT = 20.0


def request_read_timeout() -> float:
    """Seconds a client has to send one whole request (`DOSSIER_REQUEST_READ_TIMEOUT`)."""
    value = os.environ.get("DOSSIER_REQUEST_READ_TIMEOUT")
    return float(value) if value else DEFAULT_REQUEST_READ_TIMEOUT


class RequestHeadTimeout(Exception):  # noqa: N818 - named for the status it becomes
    """The head of a request (request line and header fields) took too long to arrive."""


class DeadlineSocket:
    """A client socket whose reads of one request share one deadline.

    Everything but `recv`, `recv_into`, `send` and `sendall` goes to the real socket. The
    deadline starts at the first read after `start_request`; past it a read raises
    `RequestHeadTimeout` while the head is read and `RequestReadTimeout` (a TimeoutError,
    which gunicorn's body drain and the app expect) while the body is.
    """

    def __init__(self, sock: socket.socket, timeout: float) -> None:
        self._sock = sock
        self._timeout = timeout
        self._deadline: float | None = None
        self.reading_body = False
        self._closing = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def start_request(self) -> None:
        self._deadline = None
        self.reading_body = False
        self._closing = False

    def shutdown(self, how: int) -> None:
        """Closing: gunicorn's lingering drain reads with its own short timeout."""
        self._closing = True
        self._sock.shutdown(how)

    def _expired(self) -> Exception:
        if self.reading_body:
            return RequestReadTimeout(f"the request was not read within {self._timeout:g}s")
        return RequestHeadTimeout(f"the request head was not read within {self._timeout:g}s")

    def _bounded(self, read, *args):
        if self._closing:
            return read(*args)
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + self._timeout
        remaining = self._deadline - now
        if remaining <= 0:
            raise self._expired()
        prior = self._sock.gettimeout()
        self._sock.settimeout(remaining if prior is None else min(prior, remaining))
        try:
            return read(*args)
        except TimeoutError:
            if time.monotonic() >= self._deadline:
                raise self._expired() from None
            raise
        finally:
            self._sock.settimeout(prior)

    def recv(self, *args):
        return self._bounded(self._sock.recv, *args)

    def recv_into(self, *args):
        return self._bounded(self._sock.recv_into, *args)

    def _send(self, send, *args):
        prior = self._sock.gettimeout()
        if prior is None:  # blocking: bound each write; non-blocking writes stay as they are
            self._sock.settimeout(self._timeout)
        try:
            return send(*args)
        finally:
            self._sock.settimeout(prior)

    def send(self, *args):
        return self._send(self._sock.send, *args)

    def sendall(self, *args):
        return self._send(self._sock.sendall, *args)


def _status_of(exc: BaseException) -> tuple[int, str]:
    """The status and detail of an error gunicorn raises before the app sees a request."""
    if isinstance(exc, http_errors.InvalidResponseHeader | http_errors.InvalidResponseHeaderName
                  | http_errors.ConfigurationProblem):
        return 500, "An internal error occurred; it has been logged."
    if isinstance(exc, RequestHeadTimeout):
        return 408, "The request was not received in time."
    if isinstance(exc, http_errors.LimitRequestLine):
        return 414, "The request line (method, path and query string) is too long."
    if isinstance(exc, http_errors.LimitRequestHeaders):
        return 431, "The request has too many header fields, or one that is too large."
    if isinstance(exc, http_errors.ExpectationFailed):
        return 417, "The Expect header field cannot be met."
    if isinstance(exc, http_errors.UnsupportedTransferCoding):
        return 501, "The transfer coding of the request is not supported."
    if isinstance(exc, http_errors.ForbiddenProxyRequest):
        return 403, "Proxy requests are not accepted from this address."
    if isinstance(exc, http_errors.ParseException | http_errors.InvalidProxyLine):
        return 400, "The request is not valid HTTP/1.1."
    return 500, "An internal error occurred; it has been logged."


def problem_bytes(status: int, detail: str) -> bytes:
    """A whole HTTP/1.1 response with a problem+json body, closing the connection."""
    body = json.dumps(problem_document(status, detail)).encode()
    head = (f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nConnection: close\r\n"
            f"Content-Type: {PROBLEM_MIME}\r\nContent-Length: {len(body)}\r\n"
            "X-Content-Type-Options: nosniff\r\n\r\n")
    return head.encode("latin-1") + body


class DossierWorker(ThreadWorker):
    """gunicorn's gthread worker with a read deadline per request and problem+json errors."""

    def handle(self, conn):
        if not isinstance(conn.sock, DeadlineSocket) and not conn.initialized:
            conn.sock = DeadlineSocket(conn.sock, request_read_timeout())
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.start_request()
        return super().handle(conn)

    def handle_request(self, req, conn):
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.reading_body = True  # the head is in: from here the app reads
        return super().handle_request(req, conn)

    def handle_error(self, req, client, addr, exc):
        """Answer an error outside the app with problem+json (never gunicorn's HTML page)."""
        status, detail = _status_of(exc)
        address = (addr or ("", -1))[0]
        if status >= 500:
            self.log.exception("Error handling a request from ip=%s", address)
        else:
            self.log.warning("Invalid request from ip=%s: %s (%s)", address,
                             type(exc).__name__, status)
        try:
            util.write_nonblock(client, problem_bytes(status, detail))
        except Exception:  # noqa: BLE001 - the client may be gone
            self.log.debug("Failed to send error message.")

