from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def bare(request):
    """A page of the base layout that does nothing else: the benchmarks' reference."""
    return render(request, "bare.html")
