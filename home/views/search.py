from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail.models import Page

from training import curriculum


@require_GET
@login_required
def search(request):
    """Search lessons and courses (signed-in people only: lessons are not public)."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        type_ids = curriculum.item_type_ids() | curriculum.course_type_ids()
        pages = Page.objects.live().filter(content_type_id__in=type_ids)
        # Courses the person's organisation may not take are not found, nor anything in them.
        for path in curriculum.hidden_course_paths(user=request.user):
            pages = pages.exclude(path__startswith=path)
        results = pages.specific().search(query)
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(request, "search/search.html", {"search_query": query, "results": page})
