"""Self-contained HTML: every script and stylesheet a map links to is inlined from the
assets packaged with incidentmap (``maps/assets``, built by scripts/build_map_assets.py).

A link to a URL the table does not know fails when the map is built, so a map can never
come out blank on an air-gapped laptop.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from branca.element import Figure

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
# URL -> packaged file
TABLE = {
    LEAFLET_JS: "leaflet-1.9.3.js",
    LEAFLET_CSS: "leaflet-1.9.3.css",
}

RE_SCRIPT = re.compile(r'<script\s+src="(?P<url>[^"]+)"\s*>\s*</script>', re.IGNORECASE)
RE_LINK = re.compile(r'<link\s+rel="stylesheet"\s+href="(?P<url>[^"]+)"\s*/?>', re.IGNORECASE)
RE_REMOTE = re.compile(r'<(?:script|link)\b[^>]*(?:src|href)="(https?:)?//', re.IGNORECASE)


class UnknownAsset(RuntimeError):
    """A map links to a script or stylesheet that is not packaged."""


@lru_cache(maxsize=None)
def content(name: str) -> str:
    return resources.files("maps").joinpath("assets", name).read_text("utf-8")


def _file(url: str) -> str:
    if url not in TABLE:
        raise UnknownAsset(f"the map links to {url}, which incidentmap does not package; "
                           f"add it to maps/assets.py and scripts/build_map_assets.py")
    return TABLE[url]


def inline(html: str) -> str:
    """The page with every known remote script and stylesheet replaced by its content."""
    # </script> inside an inlined file would end the tag early; "<\\/script>" is the same to JS.
    html = RE_SCRIPT.sub(lambda m: "<script>" + content(_file(m["url"])).replace("</script", "<\\/script")
                         + "</script>", html)
    html = RE_LINK.sub(lambda m: "<style>" + content(_file(m["url"])) + "</style>", html)
    left = RE_REMOTE.search(html)
    if left:
        raise UnknownAsset(f"the map still links to a remote file: {left.group()[:120]}")
    return html


class OfflineFigure(Figure):
    """A branca Figure whose render() inlines its assets: save() and the notebook's
    _repr_html_ both come out self-contained."""

    def render(self, **kwargs) -> str:
        return inline(super().render(**kwargs))
