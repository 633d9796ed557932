from django.urls import path

from dilasa.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.login_view, name="login"),
    path("sign-out/", views.logout_view, name="logout"),
    path("join/", views.signup_view, name="signup"),
    path("join/check/", views.signup_sent, name="signup_sent"),
    path("join/confirm/<str:token>/", views.signup_verify, name="signup_verify"),
    path("reset/", views.password_reset_request, name="password_reset"),
    path("reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path("reset/done/", views.password_reset_done, name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirm.as_view(), name="password_reset_confirm"),
    path("home/", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/two-step/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-step/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("account/two-step/recovery/", views.recovery_codes, name="recovery_codes"),
    path("account/two-step/off/", views.two_factor_disable, name="two_factor_disable"),
    path("account/screen/", views.screen, name="screen"),
    path("account/here/", views.still_here, name="still_here"),
    path("unlock/", views.unlock, name="unlock"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("clinic/team/", views.clinic_team, name="clinic_team"),
    path("clinic/team/<int:user_id>/verify/", views.clinic_verify, name="clinic_verify"),
]
