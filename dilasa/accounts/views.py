"""Thin views: parse, check access, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from dilasa.accounts import pin_lock, selectors, services, two_factor
from dilasa.accounts.access import access_clinic_member, role_required
from dilasa.accounts.forms import (
    COMMON_TIME_ZONES,
    CodeForm,
    DiscreetForm,
    InvitationAcceptForm,
    InvitationForm,
    LoginForm,
    PasswordResetRequestForm,
    PinForm,
    ProfileForm,
    SignupForm,
    UnlockForm,
)
from dilasa.accounts.middleware import start_session_clock
from dilasa.accounts.models import Role, User
from dilasa.core.http import AuthenticatedHttpRequest

BACKEND = "dilasa.accounts.backends.LoginIdentifierBackend"
RECOVERY_SESSION_KEY = "_dilasa_new_recovery_codes"


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _sign_in(request: HttpRequest, user: User) -> None:
    login(request, user, backend=BACKEND)
    start_session_clock(request)
    pin_lock.failures_forgiven(user=user)


@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        _sign_in(request, user)
        if two_factor.needs_second_factor(user):
            target = "accounts:two_factor_verify" if two_factor.has_authenticator(user) else "accounts:two_factor_setup"
            return redirect(target)
        return HttpResponseRedirect(_safe_next(request, reverse("accounts:home")))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if isinstance(request.user, User) and request.user.is_authenticated:
        services.user_sign_out_everywhere(user=request.user)
    logout(request)
    return redirect("core:landing")


@sensitive_post_parameters("password")
@never_cache
def signup_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.client_signup(
            display_name=form.cleaned_data["display_name"],
            identifier=form.cleaned_data["identifier"],
            password=form.cleaned_data["password"],
            language=get_language() or "",
        )
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html")


@never_cache
def signup_verify(request: HttpRequest, token: str) -> HttpResponse:
    # GET shows a button; only the POST activates, so link scanners cannot.
    if request.method == "POST":
        user = services.signup_verify(token=token)
        if user is not None:
            _sign_in(request, user)
            messages.success(request, _("Welcome to Dilasa. Your account is ready."))
            return redirect("accounts:home")
        return render(request, "accounts/signup_verify.html", {"failed": True}, status=400)
    return render(request, "accounts/signup_verify.html", {"failed": False})


@never_cache
def password_reset_request(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(identifier=form.cleaned_data["identifier"])
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_done")


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_done.html")


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if user.is_clinic_admin:
        return redirect("accounts:clinic_team")
    if user.is_therapist:
        return render(request, "accounts/therapist_home.html")
    return render(request, "accounts/client_home.html")


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)
@never_cache
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, initial={"display_name": user.display_name, "time_zone": user.time_zone})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("accounts:account")
    context: dict[str, Any] = {
        "form": form,
        "common_time_zones": COMMON_TIME_ZONES,
        "has_authenticator": two_factor.has_authenticator(request.user),
        "recovery_left": two_factor.recovery_codes_remaining(user=request.user),
    }
    return render(request, "accounts/account.html", context)


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@never_cache
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()  # the password hash changes, so every other session ends
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password was changed. Other devices were signed out."))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return redirect("accounts:login")
    if two_factor.has_authenticator(user) and not user.is_verified():
        return redirect("accounts:two_factor_verify")  # replacing one needs the old one first
    device = two_factor.totp_setup_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.totp_setup_confirm(user=user, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            device.refresh_from_db()
            from django_otp import login as otp_login

            otp_login(request, device)
            request.session[RECOVERY_SESSION_KEY] = codes
            return redirect("accounts:recovery_codes")
    context = {
        "form": form,
        "qr_svg": two_factor.totp_qr_svg(device),
        "secret": two_factor.totp_secret_text(device),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return redirect("accounts:login")
    if user.is_verified():
        return redirect("accounts:home")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.two_factor_verify(request=request, user=user, token=form.cleaned_data["code"]):
            return redirect("accounts:home")
        form.add_error("code", _("That code did not work. Try the newest code, or one of your recovery codes."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@role_required(Role.CLIENT, Role.THERAPIST, Role.CLINIC_ADMIN)
@never_cache
def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not request.user.is_verified():
            raise Http404
        request.session[RECOVERY_SESSION_KEY] = two_factor.recovery_codes_regenerate(user=request.user)
        return redirect("accounts:recovery_codes")
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)  # shown once, never again
    if not codes:
        return redirect("accounts:account")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@role_required(Role.CLIENT)
@require_POST
def two_factor_disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    two_factor.two_factor_disable(user=request.user)
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("accounts:account")


@sensitive_post_parameters("password")
@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_closed.html", status=404)
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password"],
                language=get_language() or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.user.is_authenticated:
                logout(request)
            _sign_in(request, user)
            return redirect("accounts:two_factor_setup")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


@role_required(Role.CLINIC_ADMIN)
def clinic_team(request: AuthenticatedHttpRequest) -> HttpResponse:
    admin = request.user
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(admin=admin, email=form.cleaned_data["email"], role=form.cleaned_data["role"])
        messages.success(request, _("Invitation sent."))
        return redirect("accounts:clinic_team")
    context = {
        "form": form,
        "therapists": selectors.clinic_therapists(admin=admin),
        "admins": selectors.clinic_admins(admin=admin),
        "invitations": selectors.clinic_open_invitations(admin=admin),
    }
    return render(request, "accounts/clinic_team.html", context)


@role_required(Role.CLINIC_ADMIN)
@require_POST
def clinic_verify(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    member = access_clinic_member(admin=request.user, user_id=user_id)
    verified = request.POST.get("verified") == "1"
    try:
        services.therapist_set_verified(admin=request.user, therapist=member, verified=verified)
    except ValidationError:
        raise Http404 from None
    messages.success(request, _("Saved."))
    return redirect("accounts:clinic_team")


@role_required(Role.CLIENT)
@never_cache
def screen(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Discreet mode and the PIN lock: what others can see on a shared phone."""
    user = request.user
    what = request.POST.get("what") if request.method == "POST" else None
    discreet_form = DiscreetForm(request.POST if what == "discreet" else None, initial={"discreet": user.discreet})
    pin_form = PinForm(request.POST if what == "pin" else None, initial={"idle_minutes": user.pin_idle_minutes})
    if what == "discreet" and discreet_form.is_valid():
        pin_lock.discreet_set(user=user, on=discreet_form.cleaned_data["discreet"])
        messages.success(request, _("Saved."))
        return redirect("accounts:screen")
    if what == "pin" and pin_form.is_valid():
        try:
            pin_lock.pin_set(
                user=user, pin=pin_form.cleaned_data["pin"], idle_minutes=pin_form.cleaned_data["idle_minutes"]
            )
        except ValidationError as error:
            pin_form.add_error(None, error)
        else:
            messages.success(request, _("Your PIN is set."))
            return redirect("accounts:screen")
    if what == "pin_off":
        pin_lock.pin_clear(user=user)
        messages.success(request, _("The PIN is off."))
        return redirect("accounts:screen")
    context = {"discreet_form": discreet_form, "pin_form": pin_form, "has_pin": bool(user.pin_hash)}
    return render(request, "accounts/screen.html", context, status=400 if what else 200)


@sensitive_post_parameters("pin")
@never_cache
def unlock(request: HttpRequest) -> HttpResponse:
    """The PIN page: it names nothing, and the session stays locked until the right PIN is given."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return redirect("accounts:login")
    if not pin_lock.has_pin(user):
        pin_lock.unlock(request.session)
        return redirect("accounts:home")
    pin_lock.lock(request.session)  # the page's own idle timer sends people here: the lock holds from now
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = pin_lock.pin_try(user=user, pin=form.cleaned_data["pin"])
        if attempt is pin_lock.Attempt.RIGHT:
            pin_lock.unlock(request.session)
            return HttpResponseRedirect(_safe_next(request, reverse("accounts:home")))
        if attempt is pin_lock.Attempt.SIGNED_OUT:
            logout(request)
            messages.info(request, _("Too many wrong PINs, so you were signed out. Sign in with your password."))
            return redirect("accounts:login")
        form.add_error("pin", _("That PIN is not right."))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/unlock.html", {"form": form, "next": _safe_next(request, "")}, status=status)


@require_POST
def still_here(request: HttpRequest) -> HttpResponse:
    """The page reports a touch or a key (at most once a minute) so typing a long message is not idleness."""
    return HttpResponse(status=204)
