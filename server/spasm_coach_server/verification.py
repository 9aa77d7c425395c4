"""Amazon's checks on every request to a self-hosted skill endpoint.

Three verifiers in the shape flask-ask-sdk expects
(ask_sdk_webservice_support's AbstractVerifier):

- SignatureVerifier: the SignatureCertChainUrl rules, the certificate chain
  (fetched only from a URL that passed the rules, with a timeout and a size
  limit, cached until it expires, in a way junk requests cannot exhaust: see
  SigningCertificates), the validity dates, the SAN
  echo-api.amazon.com, the chain to a trusted root (cryptography's
  x509.verification), and Signature-256 over the raw body bytes. It is meant to
  run on the raw bytes before anything parses them (see `verify_body`).
- TimestampVerifier: request.timestamp within 150 s of now (1 h for
  AlexaSkillEvent.* requests).
- SkillIdVerifier: the request's applicationId equals the configured skill id.

Every failure raises RequestRefused, a VerificationException, with a short
reason that never quotes the request body.
"""
from __future__ import annotations

import base64
import datetime as dt
import http.client
import ipaddress
import ssl
import threading
import time
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from spasm_coach_server.compat import ensure_flask_ask_sdk_importable

ensure_flask_ask_sdk_importable()

from ask_sdk_webservice_support.verifier import (  # noqa: E402 (needs the line above)
    AbstractVerifier, VerificationException)

SIGNATURE_HEADER = "Signature-256"
CERT_URL_HEADER = "SignatureCertChainUrl"
CERT_URL_SCHEME = "https"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PORT = 443
CERT_URL_PATH_PREFIX = "/echo.api/"
SIGNING_CERT_SAN = "echo-api.amazon.com"

TIMESTAMP_TOLERANCE = dt.timedelta(seconds=150)
SKILL_EVENT_TIMESTAMP_TOLERANCE = dt.timedelta(hours=1)
SKILL_EVENT_PREFIX = "AlexaSkillEvent."

# Amazon's chain is a few kilobytes and three certificates.
DEFAULT_FETCH_TIMEOUT = 3.0
DEFAULT_MAX_CHAIN_BYTES = 64 * 1024
MAX_CHAIN_CERTIFICATES = 8
DEFAULT_CACHE_SIZE = 16           # chains kept, proven and unproven each
DEFAULT_CONCURRENT_FETCHES = 2    # chain downloads at once, per process
DEFAULT_FETCH_WAIT = 2.0          # seconds a request waits for a download turn
DEFAULT_FAILURE_TTL = 300.0       # seconds a failed chain URL is not fetched again
DEFAULT_FAILURE_CACHE_SIZE = 1024
# Lengths of an RSA PKCS#1 v1.5 signature (the key size): 2048 to 4096-bit keys. Any
# other length cannot verify, so it is refused before a chain is fetched for it.
SIGNATURE_LENGTHS = (256, 384, 512)

Clock = Callable[[], dt.datetime]
Fetcher = Callable[[str], bytes]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class RequestRefused(VerificationException):
    """A request that failed verification. `check` names the check; `reason` is safe to log."""

    def __init__(self, check: str, reason: str):
        super().__init__("%s: %s" % (check, reason))
        self.check = check
        self.reason = reason


# --- SignatureCertChainUrl ----------------------------------------------------

def remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: resolve "." and ".." segments of a URL path."""
    output: List[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith("./"):
            path = path[2:]
        elif path.startswith("/./"):
            path = "/" + path[3:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../"):
            path = "/" + path[4:]
            if output:
                output.pop()
        elif path == "/..":
            path = "/"
            if output:
                output.pop()
        elif path in (".", ".."):
            path = ""
        else:
            start = 1 if path.startswith("/") else 0
            end = path.find("/", start)
            if end == -1:
                end = len(path)
            output.append(path[:end])
            path = path[end:]
    return "".join(output)


def check_cert_chain_url(url: str) -> str:
    """Apply Amazon's SignatureCertChainUrl rules; return the normalized URL to fetch.

    Scheme https and host s3.amazonaws.com (both case-insensitive), port 443 if
    given, path starting /echo.api/ (case-sensitive) after resolving dot segments.
    """
    def refuse(why: str) -> RequestRefused:
        return RequestRefused("cert-url", why)

    if not url or any(ord(ch) < 0x21 or ord(ch) > 0x7E for ch in url):
        raise refuse("empty, or characters not allowed in a URL")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise refuse("not a URL") from None
    if parts.scheme.lower() != CERT_URL_SCHEME:
        raise refuse("scheme is not https")
    if parts.username is not None or parts.password is not None:
        raise refuse("user information in the URL")
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise refuse("host is not %s" % CERT_URL_HOST)
    if port is not None and port != CERT_URL_PORT:
        raise refuse("port is not %d" % CERT_URL_PORT)
    # Encoded dots, slashes or backslashes could be resolved differently by the
    # server than by the prefix check below; Amazon's URLs never use them.
    lowered = parts.path.lower()
    if "%2e" in lowered or "%2f" in lowered or "%5c" in lowered or "\\" in parts.path:
        raise refuse("encoded dot, slash or backslash in the path")
    path = remove_dot_segments(parts.path)
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise refuse("path does not start with %s" % CERT_URL_PATH_PREFIX)
    normalized = "%s://%s%s" % (CERT_URL_SCHEME, CERT_URL_HOST, path)
    if parts.query:
        normalized += "?" + parts.query
    return normalized


# --- fetching the chain ---------------------------------------------------------

def _is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_url_map(text: str) -> Dict[str, str]:
    """Parse "PREFIX=TARGET[,PREFIX=TARGET...]" (the SPASM_COACH_CERT_URL_MAP format)."""
    mapping: Dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        prefix, sep, target = item.partition("=")
        if not sep or not prefix or not target:
            raise ValueError("certificate URL map entries look like PREFIX=TARGET, got %r" % item)
        mapping[prefix] = target
    return mapping


class CertificateFetcher:
    """GET a certificate chain over HTTPS: one request, no redirects, a size
    limit, and a time limit (`timeout` per socket operation, and the whole
    download ends once `timeout` has passed).

    `url_map` rewrites URL prefixes to loopback servers, for tests and load
    runs: a certificate URL still has to pass Amazon's rules (the rewrite only
    sees normalized URLs that did), and only loopback targets are accepted.
    """

    def __init__(self, timeout: float = DEFAULT_FETCH_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_CHAIN_BYTES,
                 url_map: Optional[Mapping[str, str]] = None,
                 ssl_context: Optional[ssl.SSLContext] = None):
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.url_map = dict(url_map or {})
        for target in self.url_map.values():
            target_parts = urlsplit(target)
            if target_parts.scheme not in ("http", "https") or not _is_loopback_host(
                    target_parts.hostname or ""):
                raise ValueError("certificate URL map targets must be http(s) on loopback: %r"
                                 % target)
        self._ssl_context = ssl_context

    def _context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            try:
                import certifi
                self._ssl_context = ssl.create_default_context(cafile=certifi.where())
            except ImportError:
                self._ssl_context = ssl.create_default_context()
        return self._ssl_context

    def target_for(self, url: str) -> str:
        for prefix, target in self.url_map.items():
            if url.startswith(prefix):
                return target + url[len(prefix):]
        return url

    def __call__(self, url: str) -> bytes:
        target = urlsplit(self.target_for(url))
        path = target.path + ("?" + target.query if target.query else "")
        deadline = time.monotonic() + self.timeout
        if target.scheme == "https":
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                target.hostname, target.port or 443, timeout=self.timeout,
                context=self._context())
        else:
            conn = http.client.HTTPConnection(target.hostname, target.port or 80,
                                              timeout=self.timeout)
        try:
            conn.request("GET", path, headers={"Accept": "application/x-pem-file, */*"})
            response = conn.getresponse()
            if response.status != 200:
                raise RequestRefused("certificate", "chain URL answered HTTP %d" % response.status)
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise RequestRefused("certificate", "chain larger than %d bytes" % self.max_bytes)
            chunks: List[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise RequestRefused("certificate", "chain download took too long")
                # read1: one socket read at a time, so the deadline is checked as data trickles in.
                chunk = response.read1(16 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.max_bytes:
                    raise RequestRefused("certificate", "chain larger than %d bytes" % self.max_bytes)
                chunks.append(chunk)
            return b"".join(chunks)
        except (OSError, http.client.HTTPException) as error:
            raise RequestRefused("certificate", "could not fetch the chain (%s)"
                                 % type(error).__name__) from None
        finally:
            conn.close()


# --- validating the chain -----------------------------------------------------------

TrustRoots = Union[None, str, Path, bytes, Sequence[x509.Certificate]]


def load_trust_roots(roots: TrustRoots = None) -> List[x509.Certificate]:
    """Trust anchors: certificates, PEM bytes, a PEM file, or (None) certifi's bundle."""
    if roots is None:
        import certifi
        roots = Path(certifi.where())
    if isinstance(roots, (str, Path)):
        roots = Path(roots).read_bytes()
    if isinstance(roots, bytes):
        with warnings.catch_warnings():
            # certifi's bundle carries an old root with a non-positive serial number.
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            return x509.load_pem_x509_certificates(roots)
    return list(roots)


def _as_utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


class SigningCertificates:
    """Certificate chains by URL: fetched, validated, cached until they expire.

    Anyone can send a request with any rule-abiding chain URL and a junk signature,
    and the signature can only be checked once the chain is fetched. So that such
    traffic cannot deny service to Alexa's requests:

    - Chains that have verified a signature ("proven": only the holder of the signing
      key can make one) are kept apart from chains that were merely fetched. A new
      URL can only evict another unproven chain, never a proven one.
    - A URL whose fetch or validation failed is not fetched again for
      `failure_ttl` seconds (a bounded negative cache).
    - Downloads are bounded by concurrency, not by a count: at most
      `max_concurrent_fetches` at a time, and a request waits up to `fetch_wait`
      seconds for a turn. A count per minute would let junk spend it and refuse
      Alexa's next new chain; a bound on concurrent downloads cannot be used up.
      Every fetch goes to Amazon's certificate folder (the URL rules) with a timeout
      and a size limit (CertificateFetcher).
    """

    def __init__(self, trust_roots: TrustRoots = None, fetcher: Optional[Fetcher] = None,
                 clock: Clock = utc_now, cache_size: int = DEFAULT_CACHE_SIZE,
                 max_concurrent_fetches: int = DEFAULT_CONCURRENT_FETCHES,
                 fetch_wait: float = DEFAULT_FETCH_WAIT,
                 failure_ttl: float = DEFAULT_FAILURE_TTL,
                 failure_cache_size: int = DEFAULT_FAILURE_CACHE_SIZE,
                 monotonic: Callable[[], float] = time.monotonic):
        self._store = Store(load_trust_roots(trust_roots))
        self._fetch = fetcher or CertificateFetcher()
        self._clock = clock
        self._cache_size = cache_size
        # url -> (key, expires): proven chains, and chains fetched but not proven yet.
        self._proven: "OrderedDict[str, Tuple[rsa.RSAPublicKey, dt.datetime]]" = OrderedDict()
        self._unproven: "OrderedDict[str, Tuple[rsa.RSAPublicKey, dt.datetime]]" = OrderedDict()
        # url -> (monotonic time it may be tried again, why it failed)
        self._failed: "OrderedDict[str, Tuple[float, RequestRefused]]" = OrderedDict()
        self._failure_ttl = failure_ttl
        self._failure_cache_size = failure_cache_size
        self._lock = threading.Lock()
        self._fetch_slots = threading.BoundedSemaphore(max_concurrent_fetches)
        self._fetch_wait = fetch_wait
        self._monotonic = monotonic

    def _cached(self, url: str, now: dt.datetime) -> Optional[rsa.RSAPublicKey]:
        with self._lock:
            for cache in (self._proven, self._unproven):
                cached = cache.get(url)
                if cached is not None:
                    if now < cached[1]:
                        cache.move_to_end(url)
                        return cached[0]
                    del cache[url]
            failed = self._failed.get(url)
            if failed is not None:
                if self._monotonic() < failed[0]:
                    raise failed[1]
                del self._failed[url]
        return None

    def public_key(self, url: str) -> rsa.RSAPublicKey:
        """The verified signing key for an already rule-checked chain URL."""
        now = self._clock()
        key = self._cached(url, now)
        if key is not None:
            return key
        if not self._fetch_slots.acquire(timeout=self._fetch_wait):
            raise RequestRefused("certificate", "too many chain downloads at once; not fetching")
        try:
            key = self._cached(url, now)  # fetched by another request meanwhile
            if key is not None:
                return key
            try:
                key, expires = self.validate(self._fetch(url), now)
            except RequestRefused as refusal:
                with self._lock:
                    self._failed[url] = (self._monotonic() + self._failure_ttl, refusal)
                    self._failed.move_to_end(url)
                    while len(self._failed) > self._failure_cache_size:
                        self._failed.popitem(last=False)
                raise
        finally:
            self._fetch_slots.release()
        with self._lock:
            if url not in self._proven:
                self._unproven[url] = (key, expires)
                self._unproven.move_to_end(url)
                while len(self._unproven) > self._cache_size:
                    self._unproven.popitem(last=False)
        return key

    def proven(self, url: str) -> None:
        """The chain at `url` has verified a signature: keep it among the proven.

        One URL per signing key: a captured Alexa request replayed with other URLs for
        the same chain (a query string, say) verifies too, and must not be able to fill
        the proven chains and push out the one Alexa uses. A second URL for a proven key
        stays among the unproven, where it still serves until junk evicts it."""
        with self._lock:
            if url in self._proven:
                self._proven.move_to_end(url)
                return
            entry = self._unproven.get(url)
            if entry is None:
                return
            numbers = entry[0].public_numbers()
            if any(key.public_numbers() == numbers for key, _ in self._proven.values()):
                return
            del self._unproven[url]
            self._proven[url] = entry
            while len(self._proven) > self._cache_size:
                self._proven.popitem(last=False)

    def validate(self, chain_pem: bytes, now: dt.datetime
                 ) -> Tuple[rsa.RSAPublicKey, dt.datetime]:
        """Check a PEM chain (signing certificate first); return its key and expiry."""
        def refuse(why: str) -> RequestRefused:
            return RequestRefused("certificate", why)

        try:
            certs = x509.load_pem_x509_certificates(chain_pem)
        except ValueError:
            raise refuse("chain is not PEM certificates") from None
        if not certs or len(certs) > MAX_CHAIN_CERTIFICATES:
            raise refuse("chain has %d certificates" % len(certs))
        leaf, intermediates = certs[0], certs[1:]
        if now < leaf.not_valid_before_utc:
            raise refuse("signing certificate is not valid yet")
        if now > leaf.not_valid_after_utc:
            raise refuse("signing certificate has expired")
        try:
            san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        except x509.ExtensionNotFound:
            raise refuse("signing certificate has no subject alternative name") from None
        if SIGNING_CERT_SAN not in [name.lower() for name in san.get_values_for_type(x509.DNSName)]:
            raise refuse("signing certificate is not for %s" % SIGNING_CERT_SAN)
        key = leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise refuse("signing key is not RSA")
        verifier = (PolicyBuilder().store(self._store).time(now)
                    .build_server_verifier(x509.DNSName(SIGNING_CERT_SAN)))
        try:
            chain = verifier.verify(leaf, intermediates)
        except VerificationError:
            raise refuse("chain does not lead to a trusted root") from None
        expires = min(cert.not_valid_after_utc for cert in chain)
        return key, expires


# --- the verifiers --------------------------------------------------------------------

def _header(headers: Any, name: str) -> Optional[str]:
    value = headers.get(name)
    if value is None and hasattr(headers, "items"):
        wanted = name.lower()
        for key, item in headers.items():
            if key.lower() == wanted:
                return item
    return value


class SignatureVerifier(AbstractVerifier):
    """The certificate chain and Signature-256 over the raw request body."""

    def __init__(self, certificates: Optional[SigningCertificates] = None):
        self.certificates = certificates or SigningCertificates()

    def verify_body(self, headers: Any, body: bytes) -> None:
        url = _header(headers, CERT_URL_HEADER)
        if not url:
            raise RequestRefused("cert-url", "missing %s header" % CERT_URL_HEADER)
        chain_url = check_cert_chain_url(url)
        encoded = _header(headers, SIGNATURE_HEADER)
        if not encoded:
            raise RequestRefused("signature", "missing %s header" % SIGNATURE_HEADER)
        try:
            signature = base64.b64decode(encoded, validate=True)
        except (ValueError, TypeError):
            raise RequestRefused("signature", "signature is not base64") from None
        if len(signature) not in SIGNATURE_LENGTHS:
            raise RequestRefused("signature", "signature length is not an RSA key size")
        key = self.certificates.public_key(chain_url)
        if key.key_size // 8 != len(signature):
            raise RequestRefused("signature", "signature does not match the key size")
        try:
            key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise RequestRefused("signature", "signature does not match the body") from None
        self.certificates.proven(chain_url)

    def verify(self, headers: Any, serialized_request_env: Union[str, bytes],
               deserialized_request_env: Any = None) -> None:
        body = serialized_request_env
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.verify_body(headers, body)


def check_timestamp(timestamp: Optional[dt.datetime], request_type: Optional[str],
                    now: dt.datetime) -> None:
    if timestamp is None:
        raise RequestRefused("timestamp", "request has no timestamp")
    tolerance = (SKILL_EVENT_TIMESTAMP_TOLERANCE
                 if (request_type or "").startswith(SKILL_EVENT_PREFIX) else TIMESTAMP_TOLERANCE)
    if abs(_as_utc(now) - _as_utc(timestamp)) > tolerance:
        raise RequestRefused("timestamp", "timestamp is more than %d s from now"
                             % tolerance.total_seconds())


class TimestampVerifier(AbstractVerifier):
    """request.timestamp within 150 s of now; 1 h for AlexaSkillEvent.* requests."""

    def __init__(self, clock: Clock = utc_now):
        self._clock = clock

    def verify(self, headers: Any, serialized_request_env: Any,
               deserialized_request_env: Any) -> None:
        request = getattr(deserialized_request_env, "request", None)
        check_timestamp(getattr(request, "timestamp", None),
                        getattr(request, "object_type", None), self._clock())


class SkillIdVerifier(AbstractVerifier):
    """Every applicationId the request carries equals the configured skill id."""

    def __init__(self, skill_id: str):
        if not skill_id:
            raise ValueError("a skill id is required")
        self.skill_id = skill_id

    def verify(self, headers: Any, serialized_request_env: Any,
               deserialized_request_env: Any) -> None:
        env = deserialized_request_env
        found = []
        system = getattr(getattr(env, "context", None), "system", None)
        for application in (getattr(system, "application", None),
                            getattr(getattr(env, "session", None), "application", None)):
            application_id = getattr(application, "application_id", None)
            if application_id is not None:
                found.append(application_id)
        if not found:
            raise RequestRefused("skill-id", "request names no skill")
        if any(application_id != self.skill_id for application_id in found):
            raise RequestRefused("skill-id", "request is for another skill")


def build_verifiers(skill_id: str, trust_roots: TrustRoots = None,
                    fetcher: Optional[Fetcher] = None, clock: Clock = utc_now
                    ) -> Tuple[SignatureVerifier, List[AbstractVerifier]]:
    """The signature verifier (for the raw body) and the envelope verifiers."""
    certificates = SigningCertificates(trust_roots=trust_roots, fetcher=fetcher, clock=clock)
    return SignatureVerifier(certificates), [TimestampVerifier(clock), SkillIdVerifier(skill_id)]
