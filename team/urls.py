from django.urls import path

from . import views

app_name = "team"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("people/<int:user_id>/", views.member, name="member"),
    path("assign/", views.assign, name="assign"),
]
