"""The group's ground rules, the words it uses, and how it framed its purpose and problem:
pages inside the journey's agreement (/j/<slug>/agreement/...)."""

from django.urls import path

from . import views

app_name = "groundrules"

urlpatterns = [
    path("ground-rules/", views.rules, name="rules"),
    path("ground-rules/wall/", views.wall, name="wall"),
    path("ground-rules/new/", views.rule_add, name="rule_add"),
    path("ground-rules/<int:rule_pk>/agree/", views.rule_agree, name="rule_agree"),
    path("ground-rules/<int:rule_pk>/retire/", views.rule_retire, name="rule_retire"),
    path("words/new/", views.word_add, name="word_add"),
    path("words/<int:word_pk>/", views.word_edit, name="word_edit"),
    path("words/<int:word_pk>/remove/", views.word_remove, name="word_remove"),
    path("framing/", views.framing, name="framing"),
    path("framing/new/", views.wording_add, name="wording_add"),
    path("framing/<int:wording_pk>/agree/", views.wording_agree, name="wording_agree"),
]
