app_name = "techniques"
urlpatterns: list[object] = []
