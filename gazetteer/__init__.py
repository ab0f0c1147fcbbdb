"""incidentmap's embedded, offline gazetteer: place names to candidate entries.

>>> from gazetteer import Gazetteer
>>> Gazetteer.default().lookup("Albu Kamal")[0].country
'SY'
"""

from ._errors import BadPlaceName, BadPlacesFile, DataFileError, GazetteerError
from .candidate import Candidate
from .lookup import Gazetteer
from .normalize import name_key

__all__ = ["Gazetteer", "Candidate", "name_key", "GazetteerError", "DataFileError",
           "BadPlaceName", "BadPlacesFile"]
