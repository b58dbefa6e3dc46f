"""Routes: every page of the Atlas declared once (name, URL path, view script, title in each language, icon).

`app.py` builds the navigation from `ROUTES`; stories, page links, the tests, the browser tests and
the bench refer to pages by `Route.name`. A route's titles are its `nav.<name>` texts, and the
page's heading (`<name>.title`) unless the locale files give it another one. Adding a page: write
`views/<name>.py` and add one `Route` here (README, "Adding a page").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode


@dataclass(frozen=True)
class Route:
    name: str  # the page's key: stories (`page = "map"`), tests and the bench use it
    path: str  # URL path without the leading slash; "" for the default page
    titles: dict[str, str] = field(hash=False)  # navigation title per language (en, fr, es): the `nav.<name>` texts
    icon: str  # Material icon shown in the navigation and on page links
    charts: bool = False  # the page draws plotly charts (a first visit there preloads plotly: lib/ui/shell.py)

    @property
    def title(self) -> str:
        """The English title."""
        return self.titles["en"]

    @property
    def heading_key(self) -> str:
        """The page's h1 (`shell.header(route.heading_key)`): the title unless the locale files differ."""
        return f"{self.name}.title"

    @property
    def view(self) -> str:
        """The page script, relative to the app folder (views/, not pages/: see the README)."""
        return f"views/{self.name}.py"

    @property
    def nav_key(self) -> str:
        return f"nav.{self.name}"

    def url(self, **query: str) -> str:
        """'/map?metric=practices' (values URL-encoded)."""
        q = {k: v for k, v in query.items() if v not in (None, "")}
        return "/" + self.path + (("?" + urlencode(q)) if q else "")


ROUTES: tuple[Route, ...] = (
    Route("overview", "", {"en": "Overview", "fr": "Vue d’ensemble", "es": "Panorama general"}, ":material/home:"),
    Route("map", "map", {"en": "World map", "fr": "Carte du monde", "es": "Mapa mundial"}, ":material/public:", charts=True),
    Route(
        "heatmap", "heatmap", {"en": "Heatmap", "fr": "Carte thermique", "es": "Mapa de calor"}, ":material/grid_on:", charts=True
    ),
    Route(
        "country",
        "country",
        {"en": "Country profiles", "fr": "Profils de pays", "es": "Perfiles de país"},
        ":material/flag:",
        charts=True,
    ),
    Route("practices", "practices", {"en": "Practices", "fr": "Pratiques", "es": "Prácticas"}, ":material/search:"),
    Route(
        "statistics",
        "statistics",
        {"en": "Key statistics", "fr": "Statistiques clés", "es": "Estadísticas clave"},
        ":material/bar_chart:",
        charts=True,
    ),
    Route(
        "about", "about", {"en": "About the data", "fr": "À propos des données", "es": "Acerca de los datos"}, ":material/info:"
    ),
    Route(
        "story", "story", {"en": "Your story", "fr": "Votre parcours", "es": "Su recorrido"}, ":material/movie_edit:", charts=True
    ),
)
BY_NAME: dict[str, Route] = {r.name: r for r in ROUTES}
DEFAULT = ROUTES[0]
NAMES: tuple[str, ...] = tuple(BY_NAME)


def route(name: str) -> Route:
    """The route called `name` (KeyError for an unknown page: a programming error, not user input)."""
    return BY_NAME[name]


def by_path(path: str) -> Route | None:
    """The route serving URL path `path` ('map', '/map', '' for the default page), if any."""
    p = path.strip("/")
    return next((r for r in ROUTES if r.path == p), None)
