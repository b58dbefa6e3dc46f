"""Routes: every page of the Atlas declared once (name, URL path, view script, English title, icon).

`app.py` builds the navigation from `ROUTES`; stories, page links, the tests, the browser tests and
the bench refer to pages by `Route.name`. The English title is the page's `nav.<name>` text (French
and Spanish in `locales/`); the page's own heading is `<name>.title` in the locale files.
Adding a page: write `views/<name>.py` and add one `Route` here (README, "Adding a page").
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Route:
    name: str  # the page's key: stories (`page = "map"`), tests and the bench use it
    path: str  # URL path without the leading slash; "" for the default page
    title: str  # English navigation title (the `nav.<name>` text)
    icon: str  # Material icon shown in the navigation and on page links

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
    Route("overview", "", "Overview", ":material/home:"),
    Route("map", "map", "World map", ":material/public:"),
    Route("heatmap", "heatmap", "Heatmap", ":material/grid_on:"),
    Route("country", "country", "Country profiles", ":material/flag:"),
    Route("practices", "practices", "Practices", ":material/search:"),
    Route("statistics", "statistics", "Key statistics", ":material/bar_chart:"),
    Route("about", "about", "About the data", ":material/info:"),
    Route("story", "story", "Your story", ":material/movie_edit:"),
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
