"""A throwaway certificate authority and a server certificate for 127.0.0.1.

The local stand-in of Alexa's APIs speaks real HTTPS, and the skill's API client
trusts it through a CA bundle (Settings.api_ca_bundle), never by switching
verification off. Everything here is made fresh for one run and lives in a
temporary folder.
"""
from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
import tempfile
from typing import NamedTuple, Optional

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# Long enough for any run, short enough that a leaked file is soon worthless.
VALID_DAYS = 7


class TlsFiles(NamedTuple):
    ca_path: str
    cert_path: str
    key_path: str


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Back Spasm Coach simulator"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def make_tls_files(directory: Optional[str] = None) -> TlsFiles:
    """Write ca.pem, server.pem and server-key.pem into `directory` (a new
    temporary folder when None) and return their paths.

    The server certificate names 127.0.0.1 and localhost (SAN IP and DNS), is
    signed by the CA, and carries the key identifiers and usages that strict
    verifiers (OpenSSL's X509_STRICT, Python 3.13's default) ask for.
    """
    if directory is None:
        directory = tempfile.mkdtemp(prefix="spasm-coach-tls-")
    now = datetime.datetime.now(datetime.timezone.utc)
    not_before = now - datetime.timedelta(minutes=5)
    not_after = now + datetime.timedelta(days=VALID_DAYS)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Back Spasm Coach throwaway CA")
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([
                x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                x509.DNSName("localhost"),
            ]),
            critical=False,
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(server_key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    paths = TlsFiles(
        ca_path=os.path.join(directory, "ca.pem"),
        cert_path=os.path.join(directory, "server.pem"),
        key_path=os.path.join(directory, "server-key.pem"),
    )
    with open(paths.ca_path, "wb") as f:
        f.write(ca_cert.public_bytes(serialization.Encoding.PEM))
    with open(paths.cert_path, "wb") as f:
        f.write(server_cert.public_bytes(serialization.Encoding.PEM))
    # The key is for this run only; still, readable by its owner alone.
    fd = os.open(paths.key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ))
    return paths


def server_context(files: TlsFiles) -> ssl.SSLContext:
    """A server-side TLS context (TLS 1.2 or later) for the certificate in `files`."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(files.cert_path, files.key_path)
    return context
