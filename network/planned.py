"""Placeholders for URL names reserved for parts being built (each part deletes its lines
here when its views land). Answers 404 to everyone."""

from django.http import Http404


def placeholder(request, *args, **kwargs):
    raise Http404
