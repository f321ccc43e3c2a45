"""Training sessions: who came, their goals, questions before and after."""

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("new/", views.session_create, name="session_create"),
    path("<int:session_pk>/", views.session_detail, name="session"),
    path("<int:session_pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:session_pk>/people/", views.people_add, name="people_add"),
    path("<int:session_pk>/people/<int:trainee_pk>/came/", views.trainee_came, name="trainee_came"),
    path(
        "<int:session_pk>/people/<int:trainee_pk>/remove/",
        views.trainee_remove,
        name="trainee_remove",
    ),
    path("<int:session_pk>/people/<int:trainee_pk>/goals/new/", views.goal_add, name="goal_add"),
    path("<int:session_pk>/goals/<int:goal_pk>/review/", views.goal_review, name="goal_review"),
    path("<int:session_pk>/questions/", views.questions_choose, name="questions"),
    path("<int:session_pk>/questions/after/", views.after_open, name="after_open"),
]
