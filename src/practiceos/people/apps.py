from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """People accountability: quarterly conversations, plans, one-on-ones, the style advisor."""

    name = "practiceos.people"
    label = "people"
    verbose_name = "People accountability"

    def ready(self) -> None:
        # The health check reads conversations, plans and numbers from the snapshot; org
        # never imports this app, so the builder registers itself here.
        from practiceos.org.snapshot import register_section
        from practiceos.people.snapshot import people_section

        register_section(people_section)

        # The home page's "needs you": plans and conversations needing this person.
        from practiceos.people.items import need_items
        from practiceos.web.needs import register_need_provider

        register_need_provider("people.accountability", need_items)
