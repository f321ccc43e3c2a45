from django.contrib.auth import views as auth_views
from django.urls import path

from . import account_views, reading, twostep_views, views

urlpatterns = [
    path("sign-in/", account_views.SignIn.as_view(), name="login"),
    path("sign-in/code/", twostep_views.sign_in_code, name="two_step_sign_in"),
    path("two-step/", twostep_views.two_step, name="two_step"),
    path("two-step/set-up/", twostep_views.two_step_set_up, name="two_step_set_up"),
    path("two-step/recovery-codes/", twostep_views.two_step_codes, name="two_step_codes"),
    path("two-step/recovery-codes/new/", twostep_views.two_step_renew, name="two_step_renew"),
    path("two-step/turn-off/", twostep_views.two_step_off, name="two_step_off"),
    path("sessions/", account_views.where_signed_in, name="sessions"),
    path("sessions/sign-out/", account_views.session_end, name="session_end"),
    path(
        "sessions/sign-out-others/", account_views.sessions_end_others, name="sessions_end_others"
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("password/", account_views.ChangePassword.as_view(), name="password_change"),
    path("language/", reading.choose_language, name="set_language"),
    path("easy-read/", reading.choose_easy_read, name="set_easy_read"),
    path("close/", account_views.close_account, name="account_close"),
    path(
        "password/forgotten/",
        account_views.ForgottenPassword.as_view(),
        name="password_forgotten",
    ),
    path(
        "password/forgotten/sent/",
        account_views.ForgottenPasswordSent.as_view(),
        name="password_forgotten_sent",
    ),
    path(
        "password/new/<uidb64>/<token>/",
        account_views.NewPassword.as_view(),
        name="password_new",
    ),
]
