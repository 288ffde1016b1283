"""The web shell: home, login, logout, switching practice, the sign-up link."""

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
]
