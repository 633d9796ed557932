from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "dilasa.onboarding"
    label = "onboarding"
