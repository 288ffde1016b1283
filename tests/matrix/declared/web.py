"""The web shell: home, login, logout, switching practice, the sign-up link."""

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import LOGIN, PUBLIC, Rule, page

PAGES = [
    page("home", get=LOGIN),
    page("login", get=PUBLIC, post=Rule(PUBLIC, ok=frozenset({200, 302, 403, 429}))),
    page("logout", get=None, post=PUBLIC),
    # Switching to a practice the persona does not belong to: 404 (acme's id is used).
    page(
        "switch-practice",
        get=None,
        post=Rule(LOGIN, data=lambda w: {"practice": w.personas.acme.pk}, outsider=404),
    ),
    page("join", args=lambda w: {"secret": w.invitation_secret}, get=PUBLIC, post=PUBLIC),
    page("practice-new", get=LOGIN, post=LOGIN),
    page("help", get=LOGIN),
    page("help-page", args=lambda w: {"name": "security"}, get=LOGIN),
    page("favicon", get=PUBLIC),
    page("password_reset", get=PUBLIC, post=PUBLIC),
    page("password_reset_done", get=PUBLIC),
    page(
        "password_reset_confirm",
        args=lambda w: {"uidb64": "MQ", "token": "set-password"},
        get=PUBLIC,
        post=PUBLIC,
    ),
    page("password_reset_complete", get=PUBLIC),
    # acme's chart has seats: the template is refused (422) for everyone allowed to ask.
    page("practice-start", get=Action.MANAGE_PRACTICE, post=Action.MANAGE_PRACTICE),
]
