from django.urls import path

from dilasa.messaging.consumers import ThreadConsumer

websocket_urlpatterns = [
    path("ws/messaging/<int:thread_id>/", ThreadConsumer.as_asgi()),
]
