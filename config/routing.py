"""Every WebSocket route, each app's under /ws/<app>/."""

from typing import Any

websocket_urlpatterns: list[Any] = []
