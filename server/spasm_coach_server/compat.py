"""Make flask-ask-sdk importable on OpenSSL 3.0.10 and later.

flask_ask_sdk.skill_adapter imports ask_sdk_webservice_support.verifier, which
imports certvalidator, which imports oscrypto. oscrypto 1.3.0 reads the
libcrypto version with the pattern ``\\d\\.\\d\\.\\d[a-z]*`` and so cannot parse
"3.0.19": the import dies with LibraryNotFoundError before anything runs
(oscrypto issues #75 and #78; fixed on its master, not released).

certvalidator is used in exactly one place in that chain: the certificate check
of ask_sdk_webservice_support's own RequestVerifier. This project never runs
that verifier; spasm_coach_server.verification replaces it with checks built on
`cryptography`. So the narrowest fix is to stand in for certvalidator alone:

- only when importing the real certvalidator fails with oscrypto's
  LibraryNotFoundError (on a machine where it imports, nothing changes);
- the stand-in keeps the real package's path, so ``certvalidator.errors`` is
  the real, dependency-free module;
- its CertificateValidator fails closed: any code that still tries the SDK's
  RequestVerifier gets a ValidationError, which that verifier reports as a
  failed verification. Nothing is ever accepted by the stand-in.

Nothing on disk is changed, and oscrypto itself is not patched.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Optional

_STAND_IN_MARK = "__spasm_coach_stand_in__"

# Why the stand-in was installed (the import error's text), or None.
stand_in_reason: Optional[str] = None


def _is_oscrypto_version_failure(error: BaseException) -> bool:
    cls = type(error)
    return cls.__name__ == "LibraryNotFoundError" and cls.__module__.startswith("oscrypto")


def _install_certvalidator_stand_in(reason: str) -> None:
    spec = importlib.util.find_spec("certvalidator")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("certvalidator is not installed")
    # Drop what the failed import left half-loaded, so the stand-in starts clean.
    for name in [n for n in sys.modules if n == "certvalidator" or n.startswith("certvalidator.")]:
        del sys.modules[name]

    package = types.ModuleType("certvalidator")
    package.__doc__ = "Stand-in for certvalidator: see spasm_coach_server.compat."
    package.__path__ = list(spec.submodule_search_locations)
    package.__package__ = "certvalidator"
    setattr(package, _STAND_IN_MARK, True)
    sys.modules["certvalidator"] = package
    errors = importlib.import_module("certvalidator.errors")
    package.errors = errors

    class CertificateValidator:
        """Refuses every certificate: the real validator cannot load here."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            raise errors.ValidationError(
                "certvalidator is unavailable on this OpenSSL (%s); "
                "use spasm_coach_server.verification" % reason)

    class ValidationContext:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise errors.ValidationError("certvalidator is unavailable on this OpenSSL")

    package.CertificateValidator = CertificateValidator
    package.ValidationContext = ValidationContext


def ensure_flask_ask_sdk_importable() -> bool:
    """Make `import flask_ask_sdk.skill_adapter` work; True if a stand-in was needed.

    Safe to call any number of times.
    """
    global stand_in_reason
    loaded = sys.modules.get("certvalidator")
    if loaded is not None:
        return bool(getattr(loaded, _STAND_IN_MARK, False))
    try:
        importlib.import_module("certvalidator")
        return False
    except Exception as error:  # oscrypto raises at import time, not ImportError
        if not _is_oscrypto_version_failure(error):
            raise
        stand_in_reason = "%s: %s" % (type(error).__name__, error)
    _install_certvalidator_stand_in(stand_in_reason)
    return True


def certvalidator_is_stand_in() -> bool:
    module = sys.modules.get("certvalidator")
    return bool(module is not None and getattr(module, _STAND_IN_MARK, False))
