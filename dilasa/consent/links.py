"""Addresses of the consent pages, for other apps that send a client to read an agreement.

The addresses name a neutral word for each kind, never a clinical one (they show in browser history).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from dilasa.consent.models import ConsentKind

SLUGS: dict[str, str] = {
    ConsentKind.TELECOUNSELLING: "online",
    ConsentKind.SUPERVISION: "supervisor",
    ConsentKind.RESEARCH: "studies",
}
KINDS: dict[str, str] = {slug: kind for kind, slug in SLUGS.items()}


def agreement_url(kind: str, *, next_path: str = "") -> str:
    """The page where the client reads and accepts `kind`; back to `next_path` (a local path) afterwards."""
    url = reverse("consent:document", args=[SLUGS[kind]])
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url
