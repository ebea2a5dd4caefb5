from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("record/", views.mine, name="mine"),
    path("record/my-data.json", views.export_json, name="export_json"),
    path("record/my-data.csv", views.export_csv, name="export_csv"),
    path("manage/people/<int:user_id>/record/", views.member, name="member"),
]
