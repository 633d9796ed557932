app_name = "onboarding"
urlpatterns: list[object] = []
