"""Optional online fallback through geopy (Nominatim by default). Off unless asked for.

Used only when nothing local matches a name, and only when the user opts in
(``INCIDENTMAP_ONLINE=1`` or ``Gazetteer(online=OnlineGeocoder())``). Requests are
spaced by geopy's ``RateLimiter`` (Nominatim's policy: at most one per second) and
answers are cached on disk, so a name is asked once.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .candidate import Candidate
from .normalize import name_key

USER_AGENT = "incidentmap (offline-first conflict mapping; https://pypi.org/project/incidentmap)"
ONLINE_RANK = 0.0


class OnlineGeocoder:
    """geopy geocoder + RateLimiter + JSON cache, answering like the embedded gazetteer."""

    def __init__(self, geocoder=None, min_delay_seconds: float = 1.0, cache_path: Path | None = None):
        from geopy.extra.rate_limiter import RateLimiter

        if geocoder is None:
            from geopy.geocoders import Nominatim

            geocoder = Nominatim(user_agent=USER_AGENT, timeout=10)
        self.geocoder = geocoder
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=1, swallow_exceptions=True, return_value_on_exception=None)
        if cache_path is None:
            import platformdirs

            cache_path = Path(platformdirs.user_cache_dir("incidentmap", appauthor=False)) / "geocode.json"
        self.cache_path = Path(cache_path)
        self._cache = self._read_cache()

    def _read_cache(self) -> dict:
        try:
            return json.loads(self.cache_path.read_text("utf-8"))
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
            return {}

    def _write_cache(self):
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache_path.parent, suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self._cache, f)
        os.replace(tmp, self.cache_path)

    def lookup(self, name: str, country: str | None = None) -> list[Candidate]:
        cache_key = f"{name_key(name)}|{country or ''}"
        if cache_key not in self._cache:
            kwargs = {"exactly_one": False, "limit": 5}
            if country:
                kwargs["country_codes"] = country.lower()
            found = self._geocode(name, **kwargs) or []
            self._cache[cache_key] = [
                {"name": loc.address, "lat": loc.latitude, "lon": loc.longitude,
                 "importance": float((loc.raw or {}).get("importance") or 0.0),
                 "country": ((loc.raw or {}).get("address") or {}).get("country_code", "").upper()}
                for loc in found]
            self._write_cache()
        return [Candidate(id=f"online:{r['lat']:.5f},{r['lon']:.5f}", name=r["name"], kind="online",
                          country=r.get("country", "") or (country or ""), admin1="",
                          lat=r["lat"], lon=r["lon"], population=0,
                          score=round(ONLINE_RANK + r["importance"], 3), match="online",
                          matched=name_key(name))
                for r in self._cache[cache_key]]
