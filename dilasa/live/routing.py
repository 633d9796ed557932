from django.urls import path

from dilasa.live.consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/live/<int:room_id>/", RoomConsumer.as_asgi()),
]
