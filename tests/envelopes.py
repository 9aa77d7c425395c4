"""Request envelopes as Alexa sends them, for tests that call lambda_handler directly."""
from __future__ import annotations

import copy
import itertools
import re
from typing import Any, Dict, Optional

from spasm_coach.content import for_locale
from spasm_coach.speech import plain

SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
_ids = itertools.count(1)


# What an Echo Show 8 says about itself: the APL interface and its viewport.
APL_INTERFACE = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2024.2"}}}
VIEWPORT = {"experiences": [{"arcMinuteWidth": 246, "arcMinuteHeight": 144, "canRotate": False,
                             "canResize": False}],
            "mode": "HUB", "shape": "RECTANGLE", "pixelWidth": 1280, "pixelHeight": 800, "dpi": 213,
            "currentPixelWidth": 1280, "currentPixelHeight": 800, "touch": ["SINGLE"]}


def envelope(request: Dict[str, Any], attributes: Optional[Dict[str, Any]] = None, *,
             new: bool = False, locale: str = "en-US", user_id: str = "amzn1.ask.account.TEST",
             screen: bool = False) -> Dict[str, Any]:
    request = dict(request)
    request.setdefault("requestId", "amzn1.echo-api.request.%d" % next(_ids))
    request.setdefault("timestamp", "2026-11-20T10:00:00Z")
    request.setdefault("locale", locale)
    application = {"applicationId": SKILL_ID}
    user = {"userId": user_id}
    context: Dict[str, Any] = {"System": {
        "application": application, "user": user,
        "device": {"deviceId": "amzn1.ask.device.TEST",
                   "supportedInterfaces": copy.deepcopy(APL_INTERFACE) if screen else {}},
        "apiEndpoint": "https://api.amazonalexa.com", "apiAccessToken": "token"}}
    if screen:
        context["Viewport"] = copy.deepcopy(VIEWPORT)
    return {
        "version": "1.0",
        "session": {"new": new, "sessionId": "amzn1.echo-api.session.TEST", "application": application,
                    "user": user, "attributes": copy.deepcopy(attributes or {})},
        "context": context,
        "request": request,
    }


def launch(**kwargs) -> Dict[str, Any]:
    kwargs.setdefault("new", True)
    return envelope({"type": "LaunchRequest"}, **kwargs)


def intent(name: str, slots: Optional[Dict[str, Any]] = None, attributes=None, **kwargs) -> Dict[str, Any]:
    """An IntentRequest; a slot is given as "words" or as ("words", "resolved_id")."""
    slot_objects = {}
    for slot_name, given in (slots or {}).items():
        value, resolved = given if isinstance(given, tuple) else (given, None)
        slot = {"name": slot_name, "confirmationStatus": "NONE"}
        if value is not None:
            slot["value"] = value
        if resolved:
            slot["resolutions"] = {"resolutionsPerAuthority": [{
                "authority": "amzn1.er-authority.echo-sdk.TEST." + slot_name,
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": value, "id": resolved}}]}]}
        slot_objects[slot_name] = slot
    return envelope({"type": "IntentRequest", "dialogState": "COMPLETED",
                     "intent": {"name": name, "confirmationStatus": "NONE", "slots": slot_objects}},
                    attributes, **kwargs)


def touch(button: str, attributes=None, token: str = "stretch", **kwargs) -> Dict[str, Any]:
    """An Alexa.Presentation.APL.UserEvent: a press on the screen button ``button``."""
    kwargs.setdefault("screen", True)
    return envelope({"type": "Alexa.Presentation.APL.UserEvent", "token": token, "arguments": [button],
                     "source": {"type": "TouchWrapper", "handler": "Press", "id": button},
                     "components": {}}, attributes, **kwargs)


def session_ended(reason: str = "USER_INITIATED", attributes=None, **kwargs) -> Dict[str, Any]:
    return envelope({"type": "SessionEndedRequest", "reason": reason}, attributes, **kwargs)


class Said:
    """What a response said, read the way a test wants it."""

    def __init__(self, response: Dict[str, Any]):
        self.raw = response
        body = response.get("response", {})
        self.ssml = (body.get("outputSpeech") or {}).get("ssml", "")
        self.text = plain(self.ssml)
        self.reprompt = plain(((body.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml", ""))
        self.end = body.get("shouldEndSession")
        self.attributes = response.get("sessionAttributes") or {}
        self.card = body.get("card")
        self.directives = body.get("directives") or []
        self.screens = [d for d in self.directives if d.get("type") == "Alexa.Presentation.APL.RenderDocument"]

    @property
    def screen(self) -> Optional[Dict[str, Any]]:
        """The one RenderDocument directive, or None (more than one is an error)."""
        assert len(self.screens) <= 1, "more than one RenderDocument"
        return self.screens[0] if self.screens else None

    @property
    def shown(self) -> Dict[str, Any]:
        """The datasource the screen was filled with."""
        return self.screen["datasources"]["coach"]

    def __contains__(self, words: str) -> bool:
        return words.lower() in self.text.lower()

    def says(self, key: str, locale: str = "en-US", **values: Any) -> bool:
        """Whether the speech holds the content item at `key` (see `speaks`)."""
        return speaks(self.text, key, locale, **values)


PAUSE = re.compile(r"PAUSE:\d+")


def speaks(text: str, key: str, locale: str = "en-US", **values: Any) -> bool:
    """Whether `text` (plain speech) holds the content item at `key` in `locale`, every line
    of it where it is a list: a test names what was said by its content key, not by its
    English. A placeholder given in `values` must hold that value; any other matches any words.
    A pause in a list of lines ("PAUSE:4") is silence, not words."""
    item = for_locale(locale).raw(key)
    lines = [line for line in (item if isinstance(item, list) else [item]) if not PAUSE.fullmatch(line)]
    spoken = " ".join(text.split()).lower()
    return all(_pattern(line, values).search(spoken) for line in lines)


def _pattern(template: str, values: Dict[str, Any]) -> "re.Pattern[str]":
    parts = []
    for piece in re.split(r"(\{\w+\})", template):
        if re.fullmatch(r"\{\w+\}", piece):
            name = piece[1:-1]
            parts.append(re.escape(str(values[name]).lower()) if name in values else ".+?")
        else:
            parts.append(re.escape(re.sub(r"\s+", " ", piece).lower()))
    return re.compile("".join(parts))
