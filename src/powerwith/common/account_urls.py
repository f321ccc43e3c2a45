from django.contrib.auth import views as auth_views
from django.urls import path

from . import account_views, reading, views

urlpatterns = [
    path("sign-in/", account_views.SignIn.as_view(), name="login"),
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
