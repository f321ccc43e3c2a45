"""Stories of a journey: recording, consent, withdrawal, and their files (played here only)."""

from django.urls import path

from . import film_views, views

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
    path("films/", film_views.film_list, name="films"),
    path("films/new/", film_views.film_create, name="film_create"),
    path("films/<int:film_pk>/", film_views.film_play, name="film"),
    path("films/<int:film_pk>/edit/", film_views.film_edit, name="film_edit"),
    path("films/<int:film_pk>/vote/", film_views.film_vote, name="film_vote"),
    path(
        "films/<int:film_pk>/clips/<int:film_clip_pk>/media/",
        film_views.film_clip_media,
        name="film_media",
    ),
    path(
        "films/<int:film_pk>/clips/<int:film_clip_pk>/captions/",
        film_views.film_clip_captions,
        name="film_captions",
    ),
    path(
        "films/<int:film_pk>/clips/<int:film_clip_pk>/remove/",
        film_views.film_clip_remove,
        name="film_remove",
    ),
    path(
        "films/<int:film_pk>/clips/<int:film_clip_pk>/move/",
        film_views.film_clip_move,
        name="film_move",
    ),
]
