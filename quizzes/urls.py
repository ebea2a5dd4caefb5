from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/start/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", views.result, name="result"),
    path("attempts/<int:attempt_id>/answers/", views.save_answers, name="save_answers"),
    path("attempts/<int:attempt_id>/check/", views.check_question, name="check"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
]
