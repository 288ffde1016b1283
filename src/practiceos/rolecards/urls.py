from django.urls import path

from practiceos.rolecards import views

app_name = "rolecards"
urlpatterns = [
    path("library/", views.library_page, name="library"),
    path("<int:pk>/", views.card, name="card"),
    path("<int:pk>/section/<str:name>/", views.section, name="section"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/card.pdf", views.card_pdf, name="pdf"),
]
