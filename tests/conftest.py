"""Keep the tests away from the developer's own saved places and settings."""

import os
import tempfile

os.environ["INCIDENTMAP_USER_DIR"] = tempfile.mkdtemp(prefix="incidentmap-test-user-")
os.environ.pop("INCIDENTMAP_ONLINE", None)
os.environ.pop("INCIDENTMAP_GAZETTEER_DIR", None)
