from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("my-training/", views.dashboard, name="dashboard"),
    path("progress/<int:page_id>/video/", views.video_progress, name="video_progress"),
    path("progress/<int:page_id>/complete/", views.mark_complete, name="mark_complete"),
    path("progress/<int:page_id>/reflections/<str:block_id>/", views.save_reflection, name="save_reflection"),
]
