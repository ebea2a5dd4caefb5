from django.urls import path

from . import views

app_name = "invitations"

urlpatterns = [
    path("manage/invitations/", views.home, name="home"),
    path("manage/invitations/upload/", views.upload, name="upload"),
    path("manage/invitations/confirm/", views.confirm, name="confirm"),
    path("manage/invitations/<int:pk>/withdraw/", views.revoke, name="revoke"),
    path("manage/invitations/links/", views.link_create, name="link_create"),
    path("manage/invitations/links/<int:pk>/withdraw/", views.link_revoke, name="link_revoke"),
    path("invitations/<str:token>/", views.accept, name="accept"),
    path("join/<str:token>/", views.join, name="join"),
    path("accounts/register/", views.register, name="register"),
]
