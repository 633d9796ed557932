from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "dilasa.live"
    label = "live"

    def ready(self) -> None:
        from dilasa.core.crypto import register_sealed
        from dilasa.live import models, services

        register_sealed(models.ChatMessage, "body", lambda m: services.chat_context(m.room_id, m.client_id))
        register_sealed(models.MoodCheckIn, "word", lambda m: services.mood_context(m.room_id))
        register_sealed(models.SessionFeedback, "comment", lambda m: services.feedback_context(m.room_id))
        register_sealed(models.SessionNote, "body", lambda m: services.note_context(m.room_id))
