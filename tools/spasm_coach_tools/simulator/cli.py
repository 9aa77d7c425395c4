"""`spasm-coach chat` and `spasm-coach simulate`: talk to the skill offline.

chat: type what you would say; see what Alexa heard and what the skill answered.
simulate: a script on stdin (one utterance or command per line), JSON Lines on stdout.

Script commands: /launch, /end, /silence, /advance 20m, /user ID, /touch Next (chat also: /quit).
The skill is the real one (lambda_function.lambda_handler), built from Settings.from_env();
its Timers and Reminders calls go to a local HTTPS stand-in of Alexa's APIs when that
stand-in is available.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
from typing import Any, Dict, Iterator, List, Optional, TextIO

from spasm_coach_tools.simulator.conversation import DEFAULT_USER, Conversation, default_handler
from spasm_coach_tools.simulator.nlu import model_locales

SCRIPT_HELP = """script lines:
  <anything else>    something the person says ("open back spasm coach", "next", ...)
  /launch            open the skill (LaunchRequest)
  /end               the person leaves (SessionEndedRequest USER_INITIATED)
  /silence           the person says nothing (reprompt first, then the session ends)
  /advance 20m       move the clock (90s, 20m, 3h, 2d): timers and reminders go off
  /user ID           another person speaks, in a new session
  /touch Next        press a button on the screen (with --screen): Next, Repeat, Pause, That hurts
"""


def _parser(command: str) -> argparse.ArgumentParser:
    description = {
        "chat": "Talk to the skill in the terminal, offline, as Alexa would hear you.",
        "simulate": "Run a conversation script from stdin; one JSON object per line on stdout.",
    }[command]
    parser = argparse.ArgumentParser(prog="spasm-coach " + command, description=description,
                                     epilog=SCRIPT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--locale", default="en-US",
                        help="the skill's locale, one with an interaction model: %s (default en-US)"
                        % ", ".join(model_locales()))
    parser.add_argument("--user", default=DEFAULT_USER, help="user id, so memory carries across runs")
    parser.add_argument("--now", help="ISO 8601 start of the simulated clock (default: now)")
    parser.add_argument("--deny-permissions", action="store_true",
                        help="answer permission requests with DENIED")
    parser.add_argument("--screen", action="store_true",
                        help="a device with a screen (APL): shows the document sent; /touch presses")
    if command == "chat":
        parser.add_argument("--ssml", action="store_true", help="show the SSML too")
        parser.add_argument("--speak", action="store_true", help="speak answers with espeak-ng")
        parser.add_argument("-v", "--verbose", action="store_true",
                            help="show ties between intents and every report field")
    return parser


@contextlib.contextmanager
def alexa_apis() -> Iterator[Any]:
    """The local Timers/Reminders stand-in, started, or None where it is not available.

    The skill reads Settings.from_env() when lambda_function is imported, so the stand-in's
    CA bundle goes into the environment first.
    """
    try:
        from spasm_coach_tools.simulator.alexa_apis import AlexaApiStandIn  # type: ignore[attr-defined]
    except ImportError:
        yield None
        return
    stand_in = AlexaApiStandIn()
    stand_in.start()
    previous = os.environ.get("SPASM_COACH_API_CA_BUNDLE")
    os.environ["SPASM_COACH_API_CA_BUNDLE"] = stand_in.ca_path
    try:
        yield stand_in
    finally:
        stand_in.stop()
        if previous is None:
            os.environ.pop("SPASM_COACH_API_CA_BUNDLE", None)
        else:
            os.environ["SPASM_COACH_API_CA_BUNDLE"] = previous


def _conversation(args: argparse.Namespace, apis: Any) -> Conversation:
    return Conversation(default_handler(fresh=apis is not None), locale=args.locale, user_id=args.user,
                        now=args.now, deny_permissions=args.deny_permissions, screen=args.screen, apis=apis)


def simulate(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    with alexa_apis() as apis:
        conversation = _conversation(args, apis)
        for line in stdin:
            try:
                reports = conversation.line(line)
            except Exception as error:  # a fault of the simulator itself: report it, go on
                reports = [{"input": line.rstrip("\n"), "request_type": None,
                            "error": "simulator failed: %s: %s" % (type(error).__name__, error)}]
            for report in reports:
                stdout.write(json.dumps(report, ensure_ascii=False, sort_keys=False) + "\n")
            stdout.flush()
    return 0


# --- chat ------------------------------------------------------------------------------

class Speaker:
    """Reads answers aloud with espeak-ng, where installed."""

    def __init__(self, enabled: bool, out: TextIO) -> None:
        self.program = shutil.which("espeak-ng") if enabled else None
        if enabled and self.program is None:
            out.write("(--speak: espeak-ng is not installed here, so answers are only shown)\n")

    def say(self, text: Optional[str]) -> None:
        if self.program and text:
            subprocess.run([self.program, "--", text], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def _format_timer(timer: Dict[str, Any]) -> str:
    label = timer.get("timerLabel") or timer.get("label") or "timer"
    left = timer.get("remaining_seconds")
    if isinstance(left, (int, float)):
        minutes, seconds = divmod(int(left), 60)
        return "%s %d:%02d left" % (label, minutes, seconds)
    return "%s %s" % (label, timer.get("duration", ""))


def show(report: Dict[str, Any], out: TextIO, ssml: bool = False, verbose: bool = False) -> None:
    kind = report.get("request_type")
    if report.get("events"):
        for event in report["events"]:
            out.write("  [alexa] %s\n" % event)
    if kind in ("IntentRequest", "LaunchRequest") and report.get("heard") is not None:
        heard = kind if kind == "LaunchRequest" else report.get("intent")
        slots = ", ".join("%s=%r" % (k, v) for k, v in (report.get("slots") or {}).items())
        if slots:
            heard += " (%s)" % slots
        if report.get("sample"):
            heard += '  <- "%s"' % report["sample"]
        if report.get("one_shot"):
            heard += "  [one-shot]"
        out.write("  heard: %s\n" % heard)
        if verbose:
            for tie in report.get("ties") or []:
                out.write('  tie:   %s  <- "%s"\n' % (tie["intent"], tie["sample"]))
    elif kind and kind != "IntentRequest":
        out.write("  [%s]\n" % kind)
    if report.get("speech"):
        out.write("alexa> %s\n" % report["speech"])
    if ssml and report.get("ssml"):
        out.write("  ssml: %s\n" % report["ssml"])
    if report.get("reprompt") and kind != "Reprompt":
        out.write("  reprompt: %s\n" % report["reprompt"])
    if report.get("directives"):
        out.write("  directives: %s\n" % ", ".join(report["directives"]))
    if report.get("screen"):
        screen = report["screen"]
        out.write("  screen: %s%s%s\n" % (screen["document"], " - %s" % screen["title"] if screen.get("title") else "",
                                          " [touch: %s]" % ", ".join(screen["touch"]) if screen.get("touch") else ""))
    for timer in report.get("timers") or []:
        out.write("  timer set: %s\n" % _format_timer(timer))
    for reminder in report.get("reminders") or []:
        out.write("  reminder set: %s\n" % json.dumps(reminder.get("trigger", reminder)))
    if report.get("safety"):
        out.write("  safety: %s\n" % report["safety"])
    if report.get("end_session") is True:
        out.write("  (session ended)\n")
    if report.get("error"):
        out.write("  error: %s\n" % report["error"])
    if verbose:
        extra = {k: report.get(k) for k in ("resolved", "end_session", "time", "user")}
        out.write("  %s\n" % json.dumps(extra))


def chat(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    speaker = Speaker(args.speak, stdout)
    interactive = stdin.isatty() if hasattr(stdin, "isatty") else False
    with alexa_apis() as apis:
        conversation = _conversation(args, apis)
        stdout.write("Back Spasm Coach, offline. Say \"open %s\" to begin; /quit to leave.\n"
                     % conversation.nlu.invocation_name)
        if apis is None:
            stdout.write("(no local stand-in of Alexa's timer and reminder APIs here: those calls will fail)\n")
        while True:
            timers = conversation.active_timers()
            if timers:
                stdout.write("  timers: %s\n" % "; ".join(_format_timer(t) for t in timers))
            state = "you" if conversation.session is not None else "you (no session)"
            stdout.write("%s> " % state)
            stdout.flush()
            line = stdin.readline()
            if not line:
                stdout.write("\n")
                break
            if not interactive:
                stdout.write(line if line.endswith("\n") else line + "\n")
            if line.strip() in ("/quit", "/exit", "/q"):
                break
            if line.strip() in ("/help", "/?"):
                stdout.write(SCRIPT_HELP)
                continue
            for report in conversation.line(line):
                show(report, stdout, ssml=args.ssml, verbose=args.verbose)
                speaker.say(report.get("speech"))
    return 0


def main(command: str, argv: Optional[List[str]] = None, stdin: Optional[TextIO] = None,
         stdout: Optional[TextIO] = None) -> int:
    if command not in ("chat", "simulate"):
        sys.stderr.write("spasm-coach: the simulator runs 'chat' or 'simulate', not %r\n" % command)
        return 2
    parser = _parser(command)
    args = parser.parse_args(list(argv or []))
    if args.locale not in model_locales():
        parser.error("no interaction model for %s; the simulator hears %s (a new one: "
                     "interaction_model/source/%s.yaml, then make models)"
                     % (args.locale, ", ".join(model_locales()), args.locale))
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    try:
        if command == "simulate":
            return simulate(args, stdin, stdout)
        return chat(args, stdin, stdout)
    except ValueError as error:  # a bad --now, a missing model, ...
        sys.stderr.write("spasm-coach %s: %s\n" % (command, error))
        return 2
    except FileNotFoundError as error:
        sys.stderr.write("spasm-coach %s: %s\n" % (command, error))
        return 2
