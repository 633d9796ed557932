app_name = "safety"
urlpatterns: list[object] = []
