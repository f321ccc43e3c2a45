"""Stories of a journey: recording, consent, withdrawal, and their files (played here only)."""

from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("new/", views.story_create, name="create"),
    path("<int:story_pk>/", views.story_detail, name="detail"),
    path("<int:story_pk>/files/", views.story_file_add, name="file_add"),
    path("<int:story_pk>/files/<int:file_pk>/", views.story_media, name="media"),
    path("<int:story_pk>/consent/", views.story_consent, name="consent"),
    path("<int:story_pk>/consent/end/", views.story_consent_end, name="consent_end"),
    path("<int:story_pk>/withdraw/", views.story_withdraw, name="withdraw"),
    path("<int:story_pk>/clips/new/", views.clip_create, name="clip_create"),
    path("<int:story_pk>/clips/<int:clip_pk>/captions/", views.clip_captions, name="captions"),
    path("<int:story_pk>/clips/<int:clip_pk>/raise/", views.clip_raise, name="clip_raise"),
    path("feelings/", views.feeling_map, name="feelings"),
    path("feelings/new/", views.feeling_mark, name="feeling_mark"),
    path("touchpoints/", views.touchpoint_list, name="touchpoints"),
    path("touchpoints/<int:touchpoint_pk>/", views.touchpoint_edit, name="touchpoint"),
]
