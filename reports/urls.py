from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.progress, name="progress"),
    path("quizzes/", views.items, name="items"),
    path("charts/", views.charts, name="charts"),
]
