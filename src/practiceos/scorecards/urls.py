from django.urls import path

from practiceos.scorecards import alignment_views, entry_views, setup_views, views

app_name = "scorecards"
urlpatterns = [
    path("", views.index, name="index"),
    path("rollup/", views.rollup_page, name="rollup"),
    path("library/", setup_views.library_page, name="library"),
    path("pulse/", alignment_views.pulse, name="pulse"),
    path("upload/", entry_views.upload, name="upload"),
    path("upload/confirm/", entry_views.upload_confirm, name="upload-confirm"),
    path("teams/<int:pk>/", views.scorecard, name="team"),
    path("teams/<int:pk>/export.csv", views.export_csv, name="export"),
    path("teams/<int:pk>/enter/", entry_views.enter, name="enter"),
    path("teams/<int:pk>/enter/cell/", entry_views.save_cell, name="save-cell"),
    path("teams/<int:pk>/alignment/", alignment_views.alignment, name="alignment"),
    path(
        "teams/<int:pk>/alignment/dependencies/",
        alignment_views.add_dependency,
        name="add-dependency",
    ),
    path(
        "teams/<int:pk>/alignment/dependencies/<int:dep>/acknowledge/",
        alignment_views.acknowledge,
        name="acknowledge",
    ),
    path(
        "teams/<int:pk>/alignment/conversations/",
        alignment_views.record_conversation,
        name="record-conversation",
    ),
    path("teams/<int:pk>/setup/", setup_views.setup, name="setup"),
    path("teams/<int:pk>/setup/library/", setup_views.add_library, name="add-library"),
    path("teams/<int:pk>/setup/measurables/", setup_views.add_measurable, name="add-measurable"),
    path(
        "teams/<int:pk>/setup/measurables/<int:mid>/goals/",
        setup_views.link_goals,
        name="link-goals",
    ),
    path(
        "teams/<int:pk>/setup/measurables/<int:mid>/",
        setup_views.edit_measurable,
        name="edit-measurable",
    ),
    path(
        "teams/<int:pk>/setup/measurables/<int:mid>/override/",
        setup_views.goal_override,
        name="goal-override",
    ),
    path("teams/<int:pk>/setup/goals/", setup_views.add_goal, name="add-goal"),
    path("teams/<int:pk>/setup/priorities/", setup_views.add_priority, name="add-priority"),
    path(
        "teams/<int:pk>/setup/priorities/<int:pid>/status/",
        setup_views.priority_status,
        name="priority-status",
    ),
    path(
        "teams/<int:pk>/setup/priorities/<int:pid>/milestones/",
        setup_views.add_milestone,
        name="add-milestone",
    ),
    path(
        "teams/<int:pk>/setup/milestones/<int:mid>/done/",
        setup_views.milestone_done,
        name="milestone-done",
    ),
]
