"""Alexa's side of a conversation, played offline: hear, send the request, carry the session.

A `Conversation` holds what Alexa holds: a clock, the users and their permissions, the open
session and its attributes. Each script line goes in through `line()`; out come report
dicts, one per request sent (and one per reprompt played, clock step, or bad line).

Session rules, from Amazon's "Manage the skill session" page:
- shouldEndSession true ends the session; false or absent keeps it open for an answer;
- with no answer, Alexa plays the reprompt once; a second silence ends the session
  (SessionEndedRequest, EXCEEDED_MAX_REPROMPTS); with no reprompt the first silence ends it;
  `/advance` over an open session is that silence (about 8 s each) before the clock moves on;
- an utterance with no session open is a one-shot, as if said after "ask <invocation>";
- a Connections.SendRequest (here: AskFor permissions) hands control to Alexa and ends the
  session; Alexa then sends the answer as a Connections.Response in a new session.

With a screen (screen=True), the envelopes carry the APL interface and a viewport; the
document of the last Alexa.Presentation.APL.RenderDocument stays on the screen until the
session ends, and `/touch Next` presses its touch target labelled or named "Next" (an
Alexa.Presentation.APL.UserEvent with that target's SendEvent arguments).
"""
from __future__ import annotations

import importlib
import json
import re
import sys
import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from spasm_coach_tools.simulator import envelope as env
from spasm_coach_tools.simulator.nlu import NLU, Heard, load_nlu, model_path
from spasm_coach_tools.simulator.spoken import parse_step

Handler = Callable[[Dict[str, Any], Any], Any]

DEFAULT_USER = "simulated-user"
DEFAULT_APPLICATION_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
ASK_FOR = "AskFor"
MAX_RESPONSE_BYTES = 120 * 1024
MAX_SPEECH_CHARS = 8000
MAX_BREAK_SECONDS = 10.0
SILENCE_WAIT = timedelta(seconds=8)  # how long Alexa listens before reprompting, then before closing
MAX_FOLLOW_UPS = 3  # Connections.Response answers one line may cause (AskFor after AskFor ...)

REPORT_KEYS = ("input", "request_type", "intent", "slots", "resolved", "speech", "ssml", "reprompt",
               "end_session", "directives", "screen", "timers", "reminders", "events", "safety", "error")
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"


# --- reading responses -----------------------------------------------------------------

def _ssml_words(element: ElementTree.Element) -> List[str]:
    """The words an SSML element speaks: text and tails, <sub> by its alias, no <audio>."""
    tag = element.tag.split("}")[-1]
    out: List[str] = []
    if tag == "sub" and element.get("alias") is not None:
        out.append(element.get("alias") or "")
    elif tag not in ("audio", "break", "mark"):
        if element.text:
            out.append(element.text)
        for child in element:
            out.extend(_ssml_words(child))
            if child.tail:
                out.append(child.tail)
        return out
    return out


def parse_ssml(ssml: str) -> ElementTree.Element:
    """Parse SSML as XML (Alexa refuses SSML that is not well-formed); the root must be <speak>."""
    root = ElementTree.fromstring(ssml)
    if root.tag != "speak":
        raise ValueError("SSML must be one <speak> element")
    return root


def plain_speech(speech: Optional[Dict[str, Any]]) -> Optional[str]:
    """An outputSpeech object as plain text: tags removed, whitespace collapsed."""
    if not speech:
        return None
    if speech.get("type") == "SSML":
        try:
            words = " ".join(_ssml_words(parse_ssml(speech.get("ssml") or "")))
        except (ElementTree.ParseError, ValueError):
            words = re.sub(r"<[^>]*>", " ", speech.get("ssml") or "")
    else:
        words = speech.get("text") or ""
    return " ".join(words.split())


def _break_seconds(value: str) -> Optional[float]:
    match = re.fullmatch(r"\s*([\d.]+)\s*(ms|s)\s*", value or "")
    if not match:
        return None
    amount = float(match.group(1))
    return amount / 1000.0 if match.group(2) == "ms" else amount


def _speech_problem(speech: Any, where: str) -> Optional[str]:
    if not isinstance(speech, dict):
        return "%s is not an object" % where
    kind = speech.get("type")
    if kind == "PlainText":
        text = speech.get("text")
        if not isinstance(text, str):
            return "%s PlainText has no text" % where
        return "%s is longer than %d characters" % (where, MAX_SPEECH_CHARS) if len(text) > MAX_SPEECH_CHARS else None
    if kind != "SSML":
        return "%s has unknown type %r" % (where, kind)
    ssml = speech.get("ssml")
    if not isinstance(ssml, str):
        return "%s SSML has no ssml" % where
    try:
        root = parse_ssml(ssml)
    except (ElementTree.ParseError, ValueError) as error:
        return "%s SSML is not valid: %s" % (where, error)
    if len(" ".join(_ssml_words(root))) > MAX_SPEECH_CHARS:
        return "%s is longer than %d characters" % (where, MAX_SPEECH_CHARS)
    for pause in root.iter("break"):
        seconds = _break_seconds(pause.get("time", "0s")) if pause.get("time") else 0.0
        if seconds is None:
            return "%s has a break with an unreadable time %r" % (where, pause.get("time"))
        if seconds > MAX_BREAK_SECONDS:
            return "%s has a break of %gs (Alexa allows %gs)" % (where, seconds, MAX_BREAK_SECONDS)
    return None


def response_problem(result: Any) -> Optional[str]:
    """Why Alexa would refuse this response envelope, or None."""
    if not isinstance(result, dict):
        return "the response is not a JSON object"
    try:
        size = len(json.dumps(result).encode("utf-8"))
    except (TypeError, ValueError) as error:
        return "the response is not JSON: %s" % error
    if size > MAX_RESPONSE_BYTES:
        return "the response is %d bytes (Alexa allows %d)" % (size, MAX_RESPONSE_BYTES)
    if result.get("version") != "1.0":
        return "the response has no version 1.0"
    response = result.get("response")
    if not isinstance(response, dict):
        return "the response has no response object"
    if response.get("outputSpeech") is not None:
        problem = _speech_problem(response["outputSpeech"], "outputSpeech")
        if problem:
            return problem
    reprompt = response.get("reprompt")
    if reprompt is not None:
        if not isinstance(reprompt, dict) or reprompt.get("outputSpeech") is None:
            return "reprompt has no outputSpeech"
        problem = _speech_problem(reprompt["outputSpeech"], "reprompt")
        if problem:
            return problem
    if response.get("shouldEndSession") not in (None, True, False):
        return "shouldEndSession is not a boolean"
    directives = response.get("directives")
    if directives is not None and not (isinstance(directives, list) and all(isinstance(d, dict) and d.get("type") for d in directives)):
        return "directives must be a list of objects with a type"
    attributes = result.get("sessionAttributes")
    if attributes is not None and not isinstance(attributes, dict):
        return "sessionAttributes is not an object"
    return None


def _letters(text: Any) -> str:
    return re.sub(r"[^a-z]", "", str(text).lower())


def _bound(value: Any, data: Dict[str, Any]) -> Any:
    """A simple "${a.b.c}" data binding resolved against the datasources; else the value."""
    match = re.fullmatch(r"\$\{([\w.]+)\}", value) if isinstance(value, str) else None
    if not match:
        return value
    node: Any = data
    for part in match.group(1).split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def touch_targets(document: Dict[str, Any], datasources: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Every TouchWrapper of a document whose onPress sends an event: its id, its label
    (a layout's "label" parameter, bound to the datasources) and its SendEvent arguments.
    Layouts are expanded with the parameters each use of them passes."""
    layouts = document.get("layouts") or {}
    found: List[Dict[str, Any]] = []

    def substitute(value: Any, params: Dict[str, Any]) -> Any:
        if isinstance(value, str):
            match = re.fullmatch(r"\$\{(\w+)\}", value)
            return params[match.group(1)] if match and match.group(1) in params else value
        if isinstance(value, list):
            return [substitute(v, params) for v in value]
        if isinstance(value, dict):
            return {k: substitute(v, params) for k, v in value.items()}
        return value

    def walk(node: Any, label: Any = None) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child, label)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("type")
        if kind in layouts:
            layout = layouts[kind]
            names = [p["name"] if isinstance(p, dict) else p for p in layout.get("parameters") or []]
            params = {name: node[name] for name in names if name in node}
            walk(substitute(layout.get("item", layout.get("items")), params), params.get("label"))
            return
        if kind == "TouchWrapper":
            for command in node.get("onPress") or []:
                if isinstance(command, dict) and command.get("type") == "SendEvent":
                    found.append({"id": node.get("id"), "label": _bound(label, datasources),
                                  "arguments": [_bound(a, datasources) for a in command.get("arguments") or []]})
        for key in ("item", "items"):
            walk(node.get(key), label)

    walk((document.get("mainTemplate") or {}).get("items"))
    return found


def screen_summary(directive: Dict[str, Any]) -> Dict[str, Any]:
    """What a RenderDocument put on the screen, in short: the document's token, its title
    (or number), and the labels of what can be touched."""
    data = (directive.get("datasources") or {}).get("coach") or {}
    targets = touch_targets(directive.get("document") or {}, directive.get("datasources") or {})
    return {"document": directive.get("token"), "title": data.get("title") or data.get("number"),
            "touch": [t["label"] or t["id"] for t in targets]}


def directive_names(response: Dict[str, Any]) -> List[str]:
    names = []
    for directive in response.get("directives") or []:
        kind = directive.get("type", "?")
        names.append("%s:%s" % (kind, directive["name"]) if kind.startswith("Connections.") and directive.get("name") else kind)
    return names


# --- Alexa's state -----------------------------------------------------------------------

@dataclass
class UserState:
    user_id: str
    scopes: Dict[str, str] = field(default_factory=dict)  # scope -> GRANTED | DENIED
    consent_token: Optional[str] = None
    api_access_token: str = ""


@dataclass
class OpenSession:
    info: env.SessionInfo
    reprompt: Optional[str] = None  # plain text of the last reprompt
    reprompt_ssml: Optional[str] = None
    silences: int = 0


class ScriptError(ValueError):
    """A script line the simulator cannot act on."""


def _parse_now(value: Optional[str]) -> datetime:
    if not value:
        return datetime.now(timezone.utc).replace(microsecond=0)
    text = value.strip()
    if text.endswith("Z") or text.endswith("z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def default_handler(fresh: bool = False) -> Handler:
    """The `lambda_handler` Alexa calls on Lambda: lambda/lambda_function.py.

    The module builds its skill from Settings.from_env() when imported; fresh=True imports
    it again so a changed environment (the stand-in's CA bundle of this run) takes effect.
    """
    import spasm_coach
    lambda_dir = str(Path(spasm_coach.__file__).resolve().parents[1])  # beside the package
    if lambda_dir not in sys.path:
        sys.path.insert(0, lambda_dir)
    import lambda_function  # type: ignore[import-not-found]
    if fresh:
        lambda_function = importlib.reload(lambda_function)
    return lambda_function.lambda_handler


def skill_handler(settings: Any = None, api_client: Any = None, persistence_adapter: Any = None) -> Handler:
    """A handler like lambda_function's, for a skill built with these settings."""
    from spasm_coach.alexa_api import LazyApiClient
    from spasm_coach.config import Settings
    from spasm_coach.entry import make_lambda_handler
    from spasm_coach.skill import build_skill
    settings = settings or Settings.from_env()
    if api_client is None:
        api_client = LazyApiClient.from_settings(settings)
    return make_lambda_handler(build_skill(settings=settings, api_client=api_client,
                                           persistence_adapter=persistence_adapter))


class Conversation:
    """Alexa's side of talking to the skill: see the module docstring.

    handler: called as handler(envelope_dict, context) like lambda_handler (default: the
    real lambda_function.lambda_handler). nlu: the compiled model (default: the locale's
    model). apis: the Timers/Reminders stand-in (spasm_coach_tools.simulator.alexa_apis), already
    started, or None to point the skill at Amazon's endpoint (calls then fail offline).
    """

    def __init__(self, handler: Optional[Handler] = None, *, locale: str = "en-US",
                 user_id: str = DEFAULT_USER, now: Optional[str] = None, deny_permissions: bool = False,
                 screen: bool = False, nlu: Optional[NLU] = None, apis: Any = None,
                 application_id: str = DEFAULT_APPLICATION_ID, model_root: Optional[Path] = None) -> None:
        self.handler: Handler = handler or default_handler()
        self.locale = locale
        self.nlu = nlu or load_nlu(model_path(locale, model_root), skill_id=application_id)
        self.clock = _parse_now(now)
        self.deny_permissions = deny_permissions
        self.screen = screen
        self.apis = apis
        if apis is not None:
            apis.set_now(self.clock)
        self.application_id = application_id
        self.device_id = "amzn1.ask.device.simulated-" + uuid.uuid5(uuid.NAMESPACE_URL, application_id).hex[:16]
        self.users: Dict[str, UserState] = {}
        self.user = self._user(user_id)
        self.session: Optional[OpenSession] = None
        self.pending_events: List[str] = []
        self.last_heard: Optional[Heard] = None
        self.shown: Optional[Dict[str, Any]] = None  # the RenderDocument on the screen

    # -- state --

    def _user(self, user_id: str) -> UserState:
        if user_id not in self.users:
            state = UserState(user_id=user_id, api_access_token="simulated-token." + uuid.uuid4().hex)
            if self.apis is not None:
                # apiAccessToken is how Alexa's APIs know who is asking.
                self.apis.register_token(state.api_access_token, self.alexa_user_id_for(user_id))
            self.users[user_id] = state
        return self.users[user_id]

    @property
    def alexa_user_id(self) -> str:
        return self.alexa_user_id_for(self.user.user_id)

    @staticmethod
    def alexa_user_id_for(user_id: str) -> str:
        return user_id if user_id.startswith("amzn1.") else "amzn1.ask.account." + user_id

    def identity(self) -> env.Identity:
        return env.Identity(
            application_id=self.application_id,
            user_id=self.alexa_user_id,
            device_id=self.device_id,
            api_endpoint=self.apis.api_endpoint if self.apis is not None else env.DEFAULT_API_ENDPOINT,
            api_access_token=self.user.api_access_token,
            screen=self.screen,
            scopes=dict(self.user.scopes),
            consent_token=self.user.consent_token,
        )

    # -- script lines --

    def run(self, lines) -> List[Dict[str, Any]]:
        reports: List[Dict[str, Any]] = []
        for text in lines:
            reports.extend(self.line(text))
        return reports

    def line(self, text: str) -> List[Dict[str, Any]]:
        """Act on one script line; the reports it produced (possibly none)."""
        raw = text.rstrip("\r\n")
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            return []
        try:
            if stripped.startswith("/"):
                return self._command(stripped)
            return self.say(stripped, raw_input=raw)
        except ScriptError as problem:
            return [self._report(raw, error=str(problem))]

    def _command(self, text: str) -> List[Dict[str, Any]]:
        name, _, argument = text.partition(" ")
        argument = argument.strip()
        if name == "/launch":
            self._no_argument(name, argument)
            self._open_session()
            return self._send(text, env.launch_request(self.clock, self.locale), heard=None)
        if name == "/end":
            self._no_argument(name, argument)
            if self.session is None:
                return []
            return self._end_session(text, "USER_INITIATED")
        if name == "/silence":
            self._no_argument(name, argument)
            return self.silence(text)
        if name == "/advance":
            if not argument:
                raise ScriptError("/advance needs a duration, such as 90s, 20m, 3h or 2d")
            try:
                step = parse_step(argument)
            except ValueError as problem:
                raise ScriptError(str(problem))
            return self.advance(step, text)
        if name == "/touch":
            if not argument:
                raise ScriptError("/touch needs what to press, such as /touch Next")
            return self.touch(argument, text)
        if name == "/user":
            if not argument or len(argument.split()) != 1:
                raise ScriptError("/user needs one user id, such as /user alice")
            self.switch_user(argument)
            return []
        raise ScriptError("unknown command %s (try /launch, /end, /silence, /advance 20m, /user ID, "
                          "/touch Next)" % name)

    @staticmethod
    def _no_argument(name: str, argument: str) -> None:
        if argument:
            raise ScriptError("%s takes no argument" % name)

    def switch_user(self, user_id: str) -> None:
        # The next person speaks on their own: whatever session was open is left behind.
        self.session = None
        self.user = self._user(user_id)

    def advance(self, step: timedelta, text: str = "/advance") -> List[Dict[str, Any]]:
        """Move the clock. An open session hears the silence first (the reprompt after
        about 8 s, the end after about 8 s more); then what went off on Alexa's side."""
        if step.total_seconds() <= 0:
            raise ScriptError("the clock only moves forward")
        reports: List[Dict[str, Any]] = []
        left = step
        while self.session is not None and left >= SILENCE_WAIT:
            self.clock += SILENCE_WAIT
            left -= SILENCE_WAIT
            reports += self.silence(text)
        self.clock += left
        self._collect_events()
        reports.append(self._report(text, events=self._take_events()))
        return reports

    def silence(self, text: str = "/silence") -> List[Dict[str, Any]]:
        session = self.session
        if session is None:
            return []
        session.silences += 1
        if session.silences == 1 and session.reprompt is not None:
            return [self._report(text, request_type="Reprompt", speech=session.reprompt,
                                 ssml=session.reprompt_ssml, reprompt=session.reprompt, end_session=False)]
        return self._end_session(text, "EXCEEDED_MAX_REPROMPTS")

    def touch(self, what: str, text: str = "/touch") -> List[Dict[str, Any]]:
        """Press a touch target of the document on the screen, by its label or its id."""
        if not self.screen:
            raise ScriptError("/touch needs a device with a screen (--screen)")
        if self.shown is None or self.session is None:
            raise ScriptError("nothing on the screen to touch")
        targets = touch_targets(self.shown.get("document") or {}, self.shown.get("datasources") or {})
        wanted = _letters(what)
        for target in targets:
            if wanted in (_letters(target["id"]), _letters(target["label"])):
                self.session.silences = 0
                request = env.user_event(self.clock, self.locale, self.shown.get("token") or "",
                                         target["id"], target["arguments"])
                return self._send(text, request, heard=None)
        names = ", ".join(str(t["label"] or t["id"]) for t in targets) or "nothing"
        raise ScriptError("no %r on the screen (it has: %s)" % (what, names))

    def say(self, utterance: str, raw_input: Optional[str] = None) -> List[Dict[str, Any]]:
        """Something the person says: heard by the model, sent as Alexa would send it."""
        raw = raw_input if raw_input is not None else utterance
        heard = self.nlu.hear(utterance)
        self.last_heard = heard
        if heard.request_type is None:
            return [self._report(raw, error="not understood, and the model has no AMAZON.FallbackIntent",
                                 heard=heard)]
        if heard.request_type == "LaunchRequest":
            self._open_session()
            return self._send(raw, env.launch_request(self.clock, self.locale), heard=heard)
        if heard.one_shot or self.session is None:
            # Said with the invocation name, or with no session open: a one-shot, in a new session.
            heard.one_shot = True
            self._open_session()
        else:
            self.session.silences = 0
        request = env.intent_request(heard, self.clock, self.locale, self.application_id)
        return self._send(raw, request, heard=heard)

    # -- sessions and requests --

    def _open_session(self) -> OpenSession:
        self.session = OpenSession(env.SessionInfo(env.new_id("session"), new=True, attributes={}))
        return self.session

    def _end_session(self, text: str, reason: str) -> List[Dict[str, Any]]:
        request = env.session_ended_request(self.clock, self.locale, reason)
        reports = self._send(text, request, heard=None)
        self.session = None
        return reports

    def _send(self, text: str, request: Dict[str, Any], heard: Optional[Heard], depth: int = 0) -> List[Dict[str, Any]]:
        session = self.session
        body = env.envelope(request, self.identity(), session.info if session else None)
        self._records_mark()
        error: Optional[str] = None
        result: Any = None
        try:
            result = self.handler(body, None)
            if hasattr(result, "to_dict") and not isinstance(result, dict):
                result = result.to_dict()
            error = response_problem(result)
        except Exception as raised:  # the skill raised: Alexa gets no valid response
            error = "the skill raised %s: %s" % (type(raised).__name__, raised)
        timers, reminders = self._records_since()
        self._collect_events()
        kind = request["type"]
        if error is not None:
            report = self._report(text, request_type=kind, heard=heard, error=error,
                                  timers=timers, reminders=reminders, events=self._take_events())
            reports = [report]
            if session is not None and kind != "SessionEndedRequest":
                # Alexa apologises and ends the session, telling the skill why.
                ended = env.session_ended_request(self.clock, self.locale, "ERROR", "INVALID_RESPONSE", error)
                self.session = session
                reports += self._send_quietly(text, ended)
            self.session = None
            return reports
        response = result.get("response") or {}
        speech = response.get("outputSpeech")
        reprompt = (response.get("reprompt") or {}).get("outputSpeech")
        attributes = result.get("sessionAttributes")
        report = self._report(
            text, request_type=kind, heard=heard,
            speech=plain_speech(speech), ssml=(speech or {}).get("ssml"),
            reprompt=plain_speech(reprompt), end_session=response.get("shouldEndSession"),
            directives=directive_names(response), timers=timers, reminders=reminders,
            events=self._take_events(),
            safety=attributes.get("safety") if isinstance(attributes, dict) else None,
        )
        rendered = [d for d in response.get("directives") or [] if d.get("type") == RENDER_DOCUMENT]
        if rendered:
            self.shown = rendered[-1]
            report["screen"] = screen_summary(rendered[-1])
        reports = [report]
        ask_for = [d for d in response.get("directives") or []
                   if d.get("type") == "Connections.SendRequest" and d.get("name") == ASK_FOR]
        if kind == "SessionEndedRequest" or response.get("shouldEndSession") is True or ask_for:
            # The skill's screen goes with its session (what is shown stays a moment,
            # but nothing on it can be pressed into this session any more).
            self.shown = None
        if kind == "SessionEndedRequest":
            self.session = None
        elif ask_for:
            # Alexa takes over to ask the person, which ends this session.
            self.session = None
            if depth < MAX_FOLLOW_UPS:
                reports += self._answer_ask_for(text, ask_for[0], depth)
        elif session is not None:
            if response.get("shouldEndSession") is True:
                self.session = None
            else:
                session.info.new = False
                session.info.attributes = dict(attributes) if isinstance(attributes, dict) else {}
                session.reprompt = plain_speech(reprompt)
                session.reprompt_ssml = (reprompt or {}).get("ssml")
                session.silences = 0
        return reports

    def _send_quietly(self, text: str, request: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Send a request whose failure must not cause another (the ERROR SessionEndedRequest)."""
        body = env.envelope(request, self.identity(), self.session.info if self.session else None)
        try:
            result = self.handler(body, None)
            error = response_problem(result) if result is not None else None
        except Exception as raised:
            error = "the skill raised %s: %s" % (type(raised).__name__, raised)
        return [self._report(text, request_type=request["type"], error=error)]

    def _answer_ask_for(self, text: str, directive: Dict[str, Any], depth: int) -> List[Dict[str, Any]]:
        payload = directive.get("payload") or {}
        scopes = payload.get("permissionScopes")
        if isinstance(scopes, list):
            names = [s.get("permissionScope") for s in scopes if isinstance(s, dict) and s.get("permissionScope")]
        else:
            names = [payload["permissionScope"]] if payload.get("permissionScope") else []
        status = "DENIED" if self.deny_permissions else "ACCEPTED"
        for scope in names:
            if self.deny_permissions:
                # A "no" now does not take back a permission granted earlier.
                self.user.scopes.setdefault(scope, "DENIED")
            else:
                self.user.scopes[scope] = "GRANTED"
                if self.apis is not None:
                    self.apis.grant(self.alexa_user_id, scope)
        if any(s == "GRANTED" for s in self.user.scopes.values()) and not self.user.consent_token:
            self.user.consent_token = "simulated-consent." + uuid.uuid4().hex
        if isinstance(scopes, list):
            answer: Dict[str, Any] = {"permissionScopes": scopes, "status": status}
        else:
            answer = {"permissionScope": names[0] if names else None, "status": status}
        request = env.connections_response(self.clock, self.locale, ASK_FOR, answer, token=directive.get("token") or "")
        self._open_session()
        return self._send(text, request, heard=None, depth=depth + 1)

    # -- the Alexa API stand-in (spasm_coach_tools.simulator.alexa_apis.AlexaApiStandIn) --

    def _records_mark(self) -> None:
        if self.apis is not None:
            self.apis.take_created()  # whatever was left over belongs to no request

    def _records_since(self, mark: None = None):
        """Timers and reminders the stand-in accepted while the skill handled one request."""
        if self.apis is None:
            return [], []
        return self.apis.take_created("timers"), self.apis.take_created("reminders")

    def _collect_events(self) -> None:
        if self.apis is not None:
            self.pending_events.extend(self.apis.advance(self.clock))

    def _take_events(self) -> List[str]:
        events, self.pending_events = self.pending_events, []
        return events

    def active_timers(self) -> List[Dict[str, Any]]:
        """The current user's timers still counting down, with `remaining_seconds` (for chat)."""
        if self.apis is None:
            return []
        timers = []
        for timer in self.apis.timers(self.alexa_user_id):
            timer = dict(timer)
            if timer.get("triggerTime"):
                trigger = _parse_now(timer["triggerTime"])
                timer["remaining_seconds"] = max(0, int((trigger - self.clock).total_seconds()))
            timers.append(timer)
        return timers

    # -- reports --

    def _report(self, text: str, request_type: Optional[str] = None, heard: Optional[Heard] = None,
                **values: Any) -> Dict[str, Any]:
        report: Dict[str, Any] = {
            "input": text, "request_type": request_type, "intent": None, "slots": {}, "resolved": {},
            "speech": None, "ssml": None, "reprompt": None, "end_session": None, "directives": [],
            "screen": None,
            "timers": [], "reminders": [], "events": [], "safety": None, "error": None,
        }
        if heard is not None and request_type == "IntentRequest":
            report["intent"] = heard.intent
            report["slots"] = {name: fill.value for name, fill in heard.slots.items()}
            report["resolved"] = {name: fill.resolved_id for name, fill in heard.slots.items()}
        report.update(values)
        report["user"] = self.user.user_id
        report["time"] = env.timestamp(self.clock)
        if heard is not None:
            report["heard"] = heard.text
            report["sample"] = heard.sample
            report["one_shot"] = heard.one_shot
            report["ties"] = [{"intent": m.intent, "sample": m.sample} for m in heard.ties]
        return report
