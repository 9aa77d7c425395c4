"""`spasm-coach serve`: the skill's HTTPS endpoint, served by gunicorn.

Verified by default (needs --skill-id or ALEXA_SKILL_ID). --no-verify is for
local tools and listens on loopback only.
"""
from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import sys
from typing import Any, Dict, List, Optional, TextIO

from spasm_coach import log_privacy, triage
from spasm_coach_server import gunicorn_conf
from spasm_coach_server.app import (
    MISSING_SKILL_ID, SKILL_ID_ENV, ConfigurationError, create_app, env_options)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
DEFAULT_WORKERS = 2

# The smallest envelope Alexa could send: what the startup message suggests trying.
EXAMPLE_ENVELOPE = {
    "version": "1.0",
    "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.local"},
                           "user": {"userId": "amzn1.ask.account.local"}}},
    "request": {"type": "LaunchRequest", "requestId": "local-1",
                "timestamp": "2026-01-01T00:00:00Z", "locale": "en-US"},
}

GUNICORN_HINT = (
    "Production: gunicorn -c python:spasm_coach_server.gunicorn_conf --bind 0.0.0.0:443 --workers 4 "
    "--certfile cert.pem --keyfile key.pem "
    "'spasm_coach_server.app:create_app_from_env()'  (with %s set)" % SKILL_ID_ENV)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_args(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="spasm-coach serve",
        description="Serve Back Spasm Coach as an Alexa skill endpoint (flask-ask-sdk on gunicorn).",
        epilog=GUNICORN_HINT)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help="port (default %(default)s; Alexa calls 443)")
    parser.add_argument("--skill-id", default=os.environ.get(SKILL_ID_ENV) or None,
                        help="the skill id requests must carry (default: $%s)" % SKILL_ID_ENV)
    parser.add_argument("--no-verify", action="store_true",
                        help="skip Amazon's request verification; loopback only, for local tools")
    parser.add_argument("--certfile", help="TLS certificate chain (PEM): serve HTTPS directly")
    parser.add_argument("--keyfile", help="TLS private key (PEM) for --certfile")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                        help="gunicorn worker processes (default %(default)s)")
    args = parser.parse_args(argv)
    if bool(args.certfile) != bool(args.keyfile):
        parser.error("--certfile and --keyfile go together")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return args


def bind_address(host: str, port: int) -> str:
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host  # IPv6
    return "%s:%d" % (host, port)


def startup_message(args: argparse.Namespace) -> str:
    scheme = "https" if args.certfile else "http"
    url = "%s://%s/" % (scheme, bind_address(args.host, args.port))
    lines = ["Back Spasm Coach endpoint on %s (gunicorn, %d worker%s%s)"
             % (url, args.workers, "" if args.workers == 1 else "s",
                ", TLS" if args.certfile else "")]
    if args.no_verify:
        lines.append("Request verification OFF (--no-verify): listening on loopback only, "
                     "for local tools. Never expose this to Alexa or a network.")
    else:
        lines.append("Request verification ON: Amazon's signature, timestamp and skill id %s."
                     % args.skill_id)
    lines.append("Send Alexa request envelopes with POST %s ; health check: GET %shealthz"
                 % (url, url))
    if args.no_verify:
        lines.append(
            "Try: curl -s -X POST %s -H 'Content-Type: application/json' -d '%s'"
            % (url, json.dumps(EXAMPLE_ENVELOPE, separators=(",", ":"))))
        lines.append("or talk to the skill offline with: spasm-coach chat")
    else:
        lines.append("Alexa reaches it only over HTTPS on port 443: --certfile/--keyfile "
                     "here, or a reverse proxy that terminates TLS in front of it.")
    return "\n".join(lines)


def gunicorn_options(args: argparse.Namespace) -> Dict[str, Any]:
    options: Dict[str, Any] = {
        "bind": [bind_address(args.host, args.port)],
        "workers": args.workers,
        # Slow or idle clients cannot stall it: see web/gunicorn_conf.py.
        "worker_class": gunicorn_conf.worker_class,
        "worker_connections": gunicorn_conf.worker_connections,
        "keepalive": gunicorn_conf.keepalive,
        "timeout": gunicorn_conf.timeout,
        "graceful_timeout": gunicorn_conf.graceful_timeout,
        "post_worker_init": gunicorn_conf.post_worker_init,
        "preload_app": True,      # build the skill once, before the workers fork
        "accesslog": None,        # the app logs each request with its request id
        "errorlog": "-",
        "loglevel": "info",
        "control_socket_disable": True,
        "proc_name": "spasm-coach",
    }
    if args.certfile:
        options["certfile"] = args.certfile
        options["keyfile"] = args.keyfile
    return options


def serve_with_gunicorn(app: Any, options: Dict[str, Any]) -> int:
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    try:
        _Server().run()
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return 0


def main(argv: Optional[List[str]] = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
         ) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.no_verify and not is_loopback(args.host):
        err.write("spasm-coach serve: --no-verify serves unverified requests, so it listens on "
                  "loopback only (127.0.0.1, ::1 or localhost), not %s. Drop --no-verify and "
                  "give --skill-id to serve other addresses.\n" % args.host)
        return 2
    if not args.no_verify and not args.skill_id:
        err.write("spasm-coach serve: %s\n" % MISSING_SKILL_ID)
        return 2
    for path in filter(None, (args.certfile, args.keyfile)):
        if not os.path.isfile(path):
            err.write("spasm-coach serve: no such file: %s\n" % path)
            return 2

    try:
        # A broken red-flag vocabulary must stop the server, not turn every emergency
        # into a question at the first request.
        triage.check_all()
    except triage.VocabularyError as error:
        err.write("spasm-coach serve: %s\n" % error)
        return 2

    logging.basicConfig(level=logging.INFO, stream=err,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log_privacy.configure("INFO")
    try:
        app = create_app(skill_id=args.skill_id, verify=not args.no_verify, **env_options())
    except (ConfigurationError, ValueError, OSError) as error:
        err.write("spasm-coach serve: %s\n" % error)
        return 2
    out.write(startup_message(args) + "\n")
    out.flush()
    return serve_with_gunicorn(app, gunicorn_options(args))
