from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/<int:pk>/pdf/", views.download, name="download"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
]
