"""Every WebSocket route, each app's under /ws/<app>/."""

from typing import Any

from dilasa.live.routing import websocket_urlpatterns as live_routes

websocket_urlpatterns: list[Any] = [*live_routes]
