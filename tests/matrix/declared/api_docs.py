"""The API's own pages outside the schema: the schema, its docs, their files, the 404."""

from tests.matrix.declare import PUBLIC, Rule, page

PAGES = [
    page("api:openapi-json", get=PUBLIC),
    page("api:openapi-view", get=PUBLIC),
    page("api:docs-asset", args=lambda w: {"name": "swagger-ui.css"}, get=PUBLIC),
    page("api:api-root", get=Rule(PUBLIC, ok=frozenset({404}))),
    page(
        "api:unknown_path",
        args=lambda w: {"rest": "nothing/here"},
        get=Rule(PUBLIC, ok=frozenset({404})),
    ),
]
