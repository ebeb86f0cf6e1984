"""TLS handshakes between two in-memory endpoints: certificates checked without a socket."""

from __future__ import annotations

import ssl


def handshake(client: ssl.SSLContext, server: ssl.SSLContext, hostname: str) -> None:
    """A whole TLS handshake; raises whatever either side raises (an unknown CA, a wrong host
    name, a missing client certificate)."""
    to_server, to_client = ssl.MemoryBIO(), ssl.MemoryBIO()
    client_end = client.wrap_bio(to_client, to_server, server_hostname=hostname)
    server_end = server.wrap_bio(to_server, to_client, server_side=True)
    pending = [client_end, server_end]
    for _ in range(10):
        for end in list(pending):
            try:
                end.do_handshake()
                pending.remove(end)
            except ssl.SSLWantReadError:
                pass
        if not pending:
            return
    raise AssertionError("the handshake did not finish")


def server_context(chain: str, *, client_ca: str | None = None) -> ssl.SSLContext:
    """A server with ``chain`` (its key and certificates, PEM); with ``client_ca`` it also
    demands a client certificate signed by that CA."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain)
    if client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    return context
