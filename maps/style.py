"""The map's colours and drawing sizes, from maps/style.toml."""

import tomllib
from importlib import resources

STYLE = tomllib.loads(resources.files("maps").joinpath("style.toml").read_text("utf-8"))
