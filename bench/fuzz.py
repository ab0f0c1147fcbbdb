"""Run the property tests with thousands of examples (the "nightly" profile).

    python -m bench.fuzz

CI runs the same properties with a few hundred examples.
"""

import os
import subprocess
import sys

if __name__ == "__main__":
    raise SystemExit(subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                      "tests/test_properties.py"], env={**os.environ, "HYPOTHESIS_PROFILE": "nightly"}))
