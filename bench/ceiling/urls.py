"""One URL: a small page rendered from a template, with no database behind it."""

from django.shortcuts import render
from django.urls import path

ITEMS = [f"Lesson {number}" for number in range(1, 11)]


def page(request):
    """Render the small template with a little context, like a tiny content page."""
    return render(request, "ceiling.html", {"title": "Ceiling", "items": ITEMS})


urlpatterns = [path("", page, name="ceiling")]
