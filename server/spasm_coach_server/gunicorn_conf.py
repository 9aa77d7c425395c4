"""gunicorn settings that keep slow or idle clients from stalling the endpoint.

`spasm-coach serve` uses them; plain gunicorn takes them with
`gunicorn -c python:spasm_coach_server.gunicorn_conf ...` (tests/test_web_serve.py and
scripts/fuzz.py check the effect).

gevent workers: a connection is a greenlet, so idle or slow connections cost memory,
not a worker or a thread, and at most `worker_connections` of them per worker are
accepted. A client has `keepalive` seconds to send its request line and headers (and
between two requests on one connection), HANDSHAKE_TIMEOUT for its TLS handshake, and
web/app.py's BODY_TIMEOUT per read of its body. Alexa sends the whole request at once
and gives up on the answer after about 8 s.
"""
from __future__ import annotations

import socket
from typing import Any

worker_class = "gevent"
worker_connections = 250
keepalive = 2
timeout = 15            # a worker silent this long (stuck) is restarted
graceful_timeout = 10

HANDSHAKE_TIMEOUT = 2.0


def post_worker_init(worker: Any) -> None:
    """Bound the TLS handshake.

    gunicorn's gevent worker hands its TLS context to gevent's StreamServer, which
    completes the handshake before gunicorn sees the connection, on a socket whose
    timeout is the process default: none. A client that connects and sends nothing
    then holds its connection for good (300 of them stopped a one-worker TLS server),
    where a plain connection is closed after `keepalive` seconds. New sockets take the
    default timeout, so setting it here bounds the handshake; gunicorn's worker puts
    each connection back in blocking mode once it has it, and every socket the skill
    opens itself (certificate fetches, DynamoDB, Alexa's APIs) sets its own timeout.

    A handshake that times out or fails ends its greenlet with that error, which
    gevent's hub prints with a traceback: a client's failure, not the server's, so
    those kinds are listed among the hub's non-errors (NOT_ERROR, gevent's own knob).
    """
    socket.setdefaulttimeout(HANDSHAKE_TIMEOUT)
    if getattr(worker.cfg, "is_ssl", False):
        import ssl
        from gevent import get_hub
        hub = get_hub()
        hub.NOT_ERROR = tuple(hub.NOT_ERROR) + (TimeoutError, ssl.SSLError, ConnectionError)
