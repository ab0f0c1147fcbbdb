"""The optional online geocoder: off by default; when on, geopy talks to a Nominatim-style
server. The server here is a real HTTP server on loopback, never the internet."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.geocoders import Nominatim

from gazetteer import Gazetteer
from gazetteer.online import OnlineGeocoder


@pytest.fixture
def nominatim():
    """A loopback server answering /search like Nominatim; records the queries it got."""
    queries = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlparse(self.path)
            q = parse_qs(url.query)
            queries.append(q)
            body = []
            if url.path == "/search" and q.get("q") == ["Qqxzvwpl Outpost"]:
                body = [{"lat": "34.1234", "lon": "41.5678", "display_name": "Qqxzvwpl Outpost, Iraq",
                         "importance": 0.4, "address": {"country_code": "iq"}}]
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}", queries
    server.shutdown()


def test_default_gazetteer_is_offline(monkeypatch):
    monkeypatch.delenv("INCIDENTMAP_ONLINE", raising=False)
    assert Gazetteer.default().online is None


def test_online_fallback_answers_unknown_names_once_then_from_cache(nominatim, tmp_path):
    domain, queries = nominatim
    geocoder = Nominatim(domain=domain, scheme="http", user_agent="incidentmap-test")
    online = OnlineGeocoder(geocoder=geocoder, min_delay_seconds=0, cache_path=tmp_path / "cache.json")
    g = Gazetteer(online=online)

    found = g.lookup("Qqxzvwpl Outpost", fuzzy=False)
    assert [(c.kind, c.country, round(c.lat, 4), round(c.lon, 4)) for c in found] == [("online", "IQ", 34.1234, 41.5678)]
    assert len(queries) == 1

    again = Gazetteer(online=OnlineGeocoder(geocoder=geocoder, min_delay_seconds=0,
                                            cache_path=tmp_path / "cache.json"))
    assert again.lookup("Qqxzvwpl Outpost", fuzzy=False)[0].lat == found[0].lat
    assert len(queries) == 1          # served from the on-disk cache


def test_online_is_not_asked_when_the_embedded_data_knows_the_name(nominatim, tmp_path):
    domain, queries = nominatim
    online = OnlineGeocoder(geocoder=Nominatim(domain=domain, scheme="http", user_agent="t"),
                            min_delay_seconds=0, cache_path=tmp_path / "c.json")
    assert Gazetteer(online=online).lookup("Erbil")[0].kind == "city"
    assert queries == []
