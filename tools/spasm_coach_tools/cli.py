"""The `spasm-coach` command: serve the skill, or talk to it offline."""
from __future__ import annotations

import sys
from typing import List, Optional

USAGE = """usage: spasm-coach COMMAND [options]

commands:
  serve      serve the skill over HTTP(S) with flask-ask-sdk
  chat       talk to the skill in the terminal, offline
  simulate   run a conversation script from stdin, JSON Lines on stdout

'spasm-coach COMMAND --help' gives each command's options.
"""


def main(argv: Optional[List[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command == "serve":
        # gunicorn's gevent workers (web/cli.py) need the standard library patched
        # before anything imports it: the app is built before the workers fork.
        from gevent import monkey
        monkey.patch_all()
        from spasm_coach_server.cli import main as serve_main
        return serve_main(rest)
    if command in ("chat", "simulate"):
        from spasm_coach_tools.simulator.cli import main as simulator_main
        return simulator_main(command, rest)
    sys.stderr.write("spasm-coach: unknown command %r\n\n%s" % (command, USAGE))
    return 2


if __name__ == "__main__":
    sys.exit(main())
