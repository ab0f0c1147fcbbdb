"""The few exceptions the gazetteer raises."""


class GazetteerError(Exception):
    """Base class for gazetteer errors."""


class DataFileError(GazetteerError):
    """An embedded or user data file is missing or unreadable; the message names it."""


class BadPlaceName(GazetteerError, ValueError):
    """A name that cannot be looked up (empty, or nothing left after folding)."""


class BadPlacesFile(GazetteerError, ValueError):
    """A user places file that cannot be read at all (wrong format, no usable rows)."""
