from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """The weekly team meeting: recurring meetings, runs, issues, to-dos and recaps."""

    name = "practiceos.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        # The health check's meeting rules read each team's record from the snapshot.
        from practiceos.meetings.snapshot import build_team_meetings
        from practiceos.org.snapshot import register_section

        register_section(build_team_meetings)
        # The home page's "needs you" list.
        from practiceos.meetings.needs import open_todos
        from practiceos.web.needs import register_need_provider

        register_need_provider("meetings.todos", open_todos)
