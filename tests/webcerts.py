"""A local certificate authority standing in for Amazon's, for endpoint tests and load runs.

Makes a root CA, an intermediate, and signing certificates like Alexa's
(SAN echo-api.amazon.com), plus TLS server certificates for loopback; signs
request bodies the way Alexa does (Signature-256); serves certificate chains
from a loopback HTTP server. Everything here is test material only.
"""
from __future__ import annotations

import base64
import datetime as dt
import http.server
import ipaddress
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Optional, Sequence, Tuple

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ALEXA_SAN = "echo-api.amazon.com"
ALEXA_CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"
ALEXA_CHAIN_PATH = "/echo.api/echo-api-cert-12.pem"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Back Spasm Coach tests"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def make_ca(common_name: str, key: rsa.RSAPrivateKey,
            issuer: Optional[Tuple[x509.Certificate, rsa.RSAPrivateKey]] = None,
            days: int = 365) -> x509.Certificate:
    """A CA certificate: self-signed when `issuer` is None, else an intermediate."""
    now = utcnow()
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer_cert.subject if issuer_cert else _name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True,
            crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer_cert is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_leaf(issuer_cert: x509.Certificate, issuer_key: rsa.RSAPrivateKey,
              key: rsa.RSAPrivateKey, names: Sequence[str] = (ALEXA_SAN,),
              not_before: Optional[dt.datetime] = None,
              not_after: Optional[dt.datetime] = None,
              common_name: Optional[str] = None) -> x509.Certificate:
    """An end-entity certificate; `names` go in the SAN (IP literals as IP addresses)."""
    now = utcnow()
    not_before = not_before or now - dt.timedelta(days=1)
    not_after = not_after or now + dt.timedelta(days=90)
    general_names = []
    for name in names:
        try:
            general_names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            general_names.append(x509.DNSName(name))
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name or (names[0] if names else "no-san")))
        .issuer_name(issuer_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=True,
            data_encipherment=False, key_agreement=False, key_cert_sign=False,
            crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                              ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                       critical=False)
    )
    if general_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(general_names), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def sign_body(key: rsa.RSAPrivateKey, body: bytes) -> str:
    """Alexa's Signature-256: base64 of RSA PKCS#1 v1.5 with SHA-256 over the raw body."""
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")


@dataclass
class TestAuthority:
    """A root, an intermediate, and an Alexa-like signing certificate under them."""

    root: x509.Certificate
    root_key: rsa.RSAPrivateKey
    intermediate: x509.Certificate
    intermediate_key: rsa.RSAPrivateKey
    signing: x509.Certificate
    signing_key: rsa.RSAPrivateKey
    extra: Dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)

    __test__ = False  # not a pytest test class

    @property
    def root_pem(self) -> bytes:
        return pem(self.root)

    @property
    def chain_pem(self) -> bytes:
        """What Alexa serves at the SignatureCertChainUrl: signing cert first."""
        return pem(self.signing, self.intermediate)

    def leaf(self, **kwargs) -> x509.Certificate:
        """Another signing certificate with the same key (for broken-certificate cases)."""
        return make_leaf(self.intermediate, self.intermediate_key, self.signing_key, **kwargs)

    def chain_with(self, leaf: x509.Certificate) -> bytes:
        return pem(leaf, self.intermediate)

    def server_cert(self, hosts: Iterable[str] = ("127.0.0.1", "localhost")
                    ) -> Tuple[bytes, bytes]:
        """A TLS server certificate and key (PEM) for loopback, issued by the root."""
        key = new_key()
        cert = make_leaf(self.root, self.root_key, key, names=list(hosts))
        return pem(cert), key_pem(key)

    def sign(self, body: bytes) -> str:
        return sign_body(self.signing_key, body)

    def write(self, directory: Path) -> Dict[str, Path]:
        """Write root.pem, chain.pem, signing-key.pem; return their paths."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = {
            "root": directory / "root.pem",
            "chain": directory / "chain.pem",
            "signing_key": directory / "signing-key.pem",
        }
        paths["root"].write_bytes(self.root_pem)
        paths["chain"].write_bytes(self.chain_pem)
        paths["signing_key"].write_bytes(key_pem(self.signing_key))
        return paths


def make_authority(root_name: str = "Back Spasm Coach Test Root") -> TestAuthority:
    root_key, intermediate_key, signing_key = new_key(), new_key(), new_key()
    root = make_ca(root_name, root_key, days=3650)
    intermediate = make_ca(root_name + " Intermediate", intermediate_key, issuer=(root, root_key))
    signing = make_leaf(intermediate, intermediate_key, signing_key)
    return TestAuthority(root, root_key, intermediate, intermediate_key, signing, signing_key)


class CertServer:
    """A loopback HTTP server answering GET for the paths in `files`, and 404 otherwise.

    `hits` counts the GETs per path, so tests can see what was cached.
    """

    def __init__(self, files: Dict[str, bytes]):
        self.files = dict(files)
        self.hits: Dict[str, int] = {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/x-pem-file")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = "http://127.0.0.1:%d" % self.port
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url_map(self) -> Dict[str, str]:
        """Map Amazon's certificate folder onto this server (the URL rules still apply)."""
        return {"https://s3.amazonaws.com/echo.api/": self.base + "/echo.api/"}

    def __enter__(self) -> "CertServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


_shared: Dict[str, TestAuthority] = {}


def shared_authority() -> TestAuthority:
    """One authority per process: key generation is the slow part of these tests."""
    if "default" not in _shared:
        _shared["default"] = make_authority()
    return _shared["default"]
