"""The least of a STUN/TURN client (RFC 8489 / RFC 8656) that a test needs: Binding and an authenticated Allocate.

Written from the RFCs so the test checks coturn against the standard, not against our own credential code.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import socket
import struct
from dataclasses import dataclass, field

MAGIC = 0x2112A442
BINDING, ALLOCATE = 0x0001, 0x0003
SUCCESS, ERROR = 0x0100, 0x0110
USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, REALM, NONCE = 0x0006, 0x0008, 0x0009, 0x0014, 0x0015
XOR_RELAYED_ADDRESS, REQUESTED_TRANSPORT = 0x0016, 0x0019
UDP = 17


@dataclass
class Answer:
    kind: int  # BINDING | SUCCESS, ALLOCATE | ERROR, ...
    attributes: dict[int, bytes] = field(default_factory=dict)

    @property
    def error_code(self) -> int | None:
        value = self.attributes.get(ERROR_CODE)
        return None if value is None else value[2] * 100 + value[3]

    @property
    def relayed(self) -> tuple[str, int] | None:
        value = self.attributes.get(XOR_RELAYED_ADDRESS)
        if value is None or value[1] != 0x01:  # IPv4 only, enough for 127.0.0.1
            return None
        port = struct.unpack("!H", value[2:4])[0] ^ (MAGIC >> 16)
        address = struct.unpack("!I", value[4:8])[0] ^ MAGIC
        return socket.inet_ntoa(struct.pack("!I", address)), port


def _attribute(kind: int, value: bytes) -> bytes:
    return struct.pack("!HH", kind, len(value)) + value + b"\0" * (-len(value) % 4)


def _message(kind: int, attributes: bytes, integrity_key: bytes | None = None) -> bytes:
    transaction = os.urandom(12)
    if integrity_key is None:
        return struct.pack("!HHI", kind, len(attributes), MAGIC) + transaction + attributes
    # MESSAGE-INTEGRITY covers the header with a length that already counts itself (24 bytes).
    header = struct.pack("!HHI", kind, len(attributes) + 24, MAGIC) + transaction
    mac = hmac.new(integrity_key, header + attributes, hashlib.sha1).digest()
    return header + attributes + _attribute(MESSAGE_INTEGRITY, mac)


def _parse(data: bytes) -> Answer:
    kind, length, magic = struct.unpack("!HHI", data[:8])
    if magic != MAGIC:
        raise ValueError("not a STUN message")
    attributes: dict[int, bytes] = {}
    offset = 20
    while offset + 4 <= 20 + length:
        attr, size = struct.unpack("!HH", data[offset : offset + 4])
        attributes.setdefault(attr, data[offset + 4 : offset + 4 + size])
        offset += 4 + size + (-size % 4)
    return Answer(kind, attributes)


class TurnClient:
    def __init__(self, server: tuple[str, int], timeout: float = 2.0) -> None:
        self.server = server
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(timeout)

    def close(self) -> None:
        self.sock.close()

    def _ask(self, message: bytes) -> Answer:
        self.sock.sendto(message, self.server)
        data, _ = self.sock.recvfrom(2048)
        return _parse(data)

    def binding(self) -> Answer:
        return self._ask(_message(BINDING, b""))

    def allocate(self, username: str, password: str) -> Answer:
        """Allocate a UDP relay the long-term-credential way: ask, get 401 with realm and nonce, ask again signed."""
        transport = _attribute(REQUESTED_TRANSPORT, bytes([UDP, 0, 0, 0]))
        challenge = self._ask(_message(ALLOCATE, transport))
        if challenge.error_code != 401:
            return challenge
        realm, nonce = challenge.attributes[REALM], challenge.attributes[NONCE]
        key = hashlib.md5(username.encode() + b":" + realm + b":" + password.encode()).digest()  # noqa: S324 - RFC 8489
        signed = transport + _attribute(USERNAME, username.encode()) + _attribute(REALM, realm)
        signed += _attribute(NONCE, nonce)
        return self._ask(_message(ALLOCATE, signed, integrity_key=key))
