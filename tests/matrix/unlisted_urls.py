"""The product's URLs plus one nobody declared: the coverage check must name it."""

from django.http import HttpResponse
from django.urls import path

from practiceos.urls import urlpatterns as product_urls

urlpatterns = [
    *product_urls,
    path("unlisted-for-test/", lambda request: HttpResponse("x"), name="unlisted-for-test"),
]
