from django.urls import path

from practiceos.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("teams/<int:pk>/", views.team_page, name="team"),
    path("teams/<int:pk>/setup/", views.setup, name="setup"),
    path("teams/<int:pk>/issues/", views.raise_issue, name="raise-issue"),
    path("teams/<int:pk>/todos/", views.add_todo, name="add-todo"),
    path("teams/<int:pk>/decisions/", views.decisions, name="decisions"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/start/", views.start, name="start"),
    path("runs/<int:pk>/", views.run_page, name="run"),
    path("runs/<int:pk>/live/", views.live, name="live"),
    path("runs/<int:pk>/section/", views.section, name="section"),
    path("runs/<int:pk>/end/", views.end, name="end"),
    path("runs/<int:pk>/headline/", views.headline, name="headline"),
    path("runs/<int:pk>/rate/", views.rate, name="rate"),
    path("runs/<int:pk>/recap/", views.recap, name="recap"),
    path("runs/<int:pk>/recap.pdf", views.recap_pdf, name="recap-pdf"),
    path("issues/<int:pk>/", views.issue_page, name="issue"),
    path("issues/<int:pk>/solve/", views.solve, name="solve"),
    path("issues/<int:pk>/top/", views.top, name="top"),
    path("issues/<int:pk>/move/", views.move, name="move"),
    path("todos/<int:pk>/done/", views.todo_done, name="todo-done"),
]
