"""Request envelopes as Alexa sends them to a custom skill, built as plain JSON dicts.

Shapes follow Amazon's request reference and the ask-sdk-model classes (every envelope
here deserializes into ask_sdk_model.RequestEnvelope). Ids use Amazon's prefixes.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from spasm_coach_tools.simulator.nlu import ER_MATCH, Heard

VERSION = "1.0"
DEFAULT_API_ENDPOINT = "https://api.amazonalexa.com"
APL_MAX_VERSION = "2024.2"


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second, as Alexa writes request timestamps."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Identity:
    """Who is speaking, on which device, and what Alexa knows about their permissions."""

    application_id: str
    user_id: str
    device_id: str
    api_endpoint: str = DEFAULT_API_ENDPOINT
    api_access_token: str = ""
    screen: bool = False
    scopes: Dict[str, str] = field(default_factory=dict)  # scope -> "GRANTED" | "DENIED"
    consent_token: Optional[str] = None


@dataclass
class SessionInfo:
    session_id: str
    new: bool
    attributes: Dict[str, Any] = field(default_factory=dict)


def new_id(kind: str) -> str:
    """amzn1.echo-api.request.<uuid>, amzn1.echo-api.session.<uuid>, ..."""
    return "amzn1.echo-api.%s.%s" % (kind, uuid.uuid4())


def _user(identity: Identity, with_scopes: bool) -> Dict[str, Any]:
    user: Dict[str, Any] = {"userId": identity.user_id}
    permissions: Dict[str, Any] = {}
    if identity.consent_token:
        permissions["consentToken"] = identity.consent_token
    if with_scopes and identity.scopes:
        permissions["scopes"] = {scope: {"status": status} for scope, status in sorted(identity.scopes.items())}
    if permissions:
        user["permissions"] = permissions
    return user


def system_context(identity: Identity) -> Dict[str, Any]:
    interfaces: Dict[str, Any] = {"AudioPlayer": {}}
    context: Dict[str, Any] = {}
    if identity.screen:
        interfaces["Alexa.Presentation.APL"] = {"runtime": {"maxVersion": APL_MAX_VERSION}}
        context["Viewport"] = {
            "experiences": [{"arcMinuteWidth": 246, "arcMinuteHeight": 144, "canRotate": False, "canResize": False}],
            "mode": "HUB", "shape": "RECTANGLE", "pixelWidth": 1024, "pixelHeight": 600, "dpi": 160,
            "currentPixelWidth": 1024, "currentPixelHeight": 600, "touch": ["SINGLE"],
            "video": {"codecs": ["H_264_42", "H_264_41"]},
        }
    context["System"] = {
        "application": {"applicationId": identity.application_id},
        "user": _user(identity, with_scopes=True),
        "device": {"deviceId": identity.device_id, "supportedInterfaces": interfaces},
        "apiEndpoint": identity.api_endpoint,
        "apiAccessToken": identity.api_access_token,
    }
    return context


def envelope(request: Dict[str, Any], identity: Identity, session: Optional[SessionInfo]) -> Dict[str, Any]:
    """The whole envelope around `request`; `session` None for requests outside a session."""
    body: Dict[str, Any] = {"version": VERSION}
    if session is not None:
        body["session"] = {
            "new": session.new,
            "sessionId": session.session_id,
            "application": {"applicationId": identity.application_id},
            "user": _user(identity, with_scopes=False),
            "attributes": dict(session.attributes),
        }
    body["context"] = system_context(identity)
    body["request"] = request
    return body


def _base(kind: str, moment: datetime, locale: str) -> Dict[str, Any]:
    return {"type": kind, "requestId": new_id("request"), "timestamp": timestamp(moment), "locale": locale}


def launch_request(moment: datetime, locale: str) -> Dict[str, Any]:
    return _base("LaunchRequest", moment, locale)


def _slot(name: str, heard: Heard, skill_id: str) -> Dict[str, Any]:
    slot: Dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    fill = heard.slots.get(name)
    if fill is None:
        return slot
    slot["value"] = fill.value
    simple: Dict[str, Any] = {"type": "Simple", "value": fill.value}
    if fill.er_status is not None:
        resolution: Dict[str, Any] = {
            "authority": "amzn1.er-authority.echo-sdk.%s.%s" % (skill_id, fill.type),
            "status": {"code": fill.er_status},
        }
        if fill.er_status == ER_MATCH:
            resolution["values"] = [{"value": {"name": r.name, "id": r.id}} for r in fill.resolutions]
        resolutions = {"resolutionsPerAuthority": [resolution]}
        slot["resolutions"] = resolutions
        simple["resolutions"] = resolutions
    slot["slotValue"] = simple
    return slot


def intent_request(heard: Heard, moment: datetime, locale: str, skill_id: str) -> Dict[str, Any]:
    if heard.intent is None:
        raise ValueError("nothing was understood: no intent to send")
    request = _base("IntentRequest", moment, locale)
    names: List[str] = list(heard.slot_types) or list(heard.slots)
    intent: Dict[str, Any] = {"name": heard.intent, "confirmationStatus": "NONE"}
    if names:
        intent["slots"] = {name: _slot(name, heard, skill_id) for name in names}
    request["intent"] = intent
    return request


def connections_response(moment: datetime, locale: str, name: str, payload: Dict[str, Any],
                         token: str = "", code: str = "200", message: str = "OK") -> Dict[str, Any]:
    request = _base("Connections.Response", moment, locale)
    request.update({"name": name, "status": {"code": code, "message": message},
                    "payload": payload, "token": token})
    return request


def user_event(moment: datetime, locale: str, token: str, component_id: str,
               arguments: List[Any]) -> Dict[str, Any]:
    """Alexa.Presentation.APL.UserEvent: a touch on a TouchWrapper whose onPress sends an event."""
    request = _base("Alexa.Presentation.APL.UserEvent", moment, locale)
    request.update({"token": token, "arguments": list(arguments),
                    "source": {"type": "TouchWrapper", "handler": "Press", "id": component_id},
                    "components": {}})
    return request


def session_ended_request(moment: datetime, locale: str, reason: str,
                          error_type: Optional[str] = None, message: str = "") -> Dict[str, Any]:
    """reason: USER_INITIATED, EXCEEDED_MAX_REPROMPTS or ERROR (with an error type)."""
    request = _base("SessionEndedRequest", moment, locale)
    request["reason"] = reason
    if error_type:
        request["error"] = {"type": error_type, "message": message}
    return request
