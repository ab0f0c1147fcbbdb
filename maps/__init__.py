"""Drawing incidents as interactive maps (see the maps issue)."""
