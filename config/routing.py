"""Every WebSocket route, each app's under /ws/<app>/."""

from typing import Any

from dilasa.live.routing import websocket_urlpatterns as live_routes
from dilasa.messaging.routing import websocket_urlpatterns as messaging_routes

websocket_urlpatterns: list[Any] = [*live_routes, *messaging_routes]
