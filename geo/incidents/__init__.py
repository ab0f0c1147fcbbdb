"""`extract`: the incidents an article reports, with dates, places, actors, casualties,
evidence and the attack–response links between them.

The pipeline, one module a stage:

- ``clauses``: sentences with offsets; background lines, general statements, old dates;
- ``events``: event words and the sense they are used in (``geo/data/events.toml``);
- ``dates``, ``casualties``, ``actors``, ``places``: the arguments of each event word;
- ``mentions``: one frame per event word, its arguments bound to it;
- ``merging``: frames to incidents by explicit rules;
- ``table``: the incident table and the responds_to links.
"""

from __future__ import annotations

import bisect
import warnings
from collections import Counter

import shapely

from ..geoparsing import geoparse_normalized
from ..io import decode_input
from ..normalize_text import normalize
from ..text import WIDE_KINDS
from . import actors, theatres
from .clauses import MAX_SENTENCE_CHARS, Sentence, sentences
from .dates import BadPublished, parse_published
from .mentions import frames
from .merging import build
from .places import Footprints, dateline, focus_place, main_town, near_town, unread_place
from .table import (
    COLUMNS,
    RESPONSE_LINKS,
    Incidents,
    combine,
    incident_row,
    incident_table,
)

__all__ = ["extract", "combine", "Incidents", "COLUMNS", "BadPublished", "parse_published", "sentences",
           "Sentence", "MAX_SENTENCE_CHARS", "RESPONSE_LINKS"]

def extract(text: str | bytes, published=None, context=None, *, article: str | None = None) -> Incidents:
    """Incidents reported in an article.

    ``published``: the publication date (YYYY-MM-DD or a date); relative dates ("on
    Friday", "days later") need it, and without it they stay unknown (time_precision 3).
    ``context``: an ISO2 focus country or a :class:`geo.Context`.
    """
    from gazetteer import Gazetteer

    # the steps read the text normalised for matching; evidence quotes the text given
    given = normalize(decode_input(text))
    text = given.text
    pub = parse_published(published)
    g = Gazetteer.default()
    rows = []
    if text.strip():
        # an armed group's name is the group ("Hamas claimed ...": not the town of Hamm)
        toponyms = [t for t in geoparse_normalized(text, context, demonyms=True, gazetteer=g)
                    if not actors.RE_GROUP.fullmatch(t.text)]
        # "the OSCE SMM observed ... near Viktorivka": the village of the monitors' theatre
        theatre = theatres.of(text)
        toponyms = theatres.in_theatre(toponyms, theatre, g)
        area_units = theatres.unit_names(theatre, g)       # (its provinces' names, once a text)
        counts = Counter(t.country for t in toponyms if t.country and t.kind != "demonym")
        doc_countries = tuple(c for c, _ in counts.most_common())
        sents = sentences(text, pub)
        fp = Footprints()
        mentions = frames(sents, toponyms, pub, doc_countries, fp)
        filed = dateline(text, fp)
        # the article names its dateline's town again (the geoparser may have read it as a person)
        filed_again = filed is not None and text.find(filed.toponyms[-1].text, len(filed.expression) + 1) >= 0
        # a dateline the story never names again is most often a wire desk (NEW YORK for a
        # Pennsylvania shooting): no prior for where the unplaced events are
        drafts = build(mentions, pub, fp, filed if filed_again else None, sents)
        located = Counter(p.country for m in mentions for p in m.places if p.country)
        focus = focus_place(tuple(c for c, _ in located.most_common()) or doc_countries, g)
        # the names of the story itself, not of its credits ("Reporting by X in New York")
        bg = [(st.start, st.end) for st in sents if st.background]      # in text order
        bg_starts = [a for a, _ in bg]
        told = [t for t in toponyms
                if not (k := bisect.bisect_right(bg_starts, t.start) - 1) >= 0 or t.start >= bg[k][1]]
        # (towns and finer, read anywhere in the text)
        told_places = any(t.kind not in WIDE_KINDS for t in toponyms)
        for d in drafts:
            if d.footprint is not None and d.footprint.where_prec in (4, 5) and filed is not None \
                    and d.footprint.geometry.covers(shapely.Point(filed.lon, filed.lat)):
                # "in Pakistan's troubled northwest", filed from Charsadda: the dateline's
                # town lies in the region the text gives, and most likely the event near it
                town = near_town(filed, f"the dateline's town, {filed.expression}, inside {d.footprint.expression}", fp)
                d.footprint = town or d.footprint
                continue
            if d.footprint is not None and d.footprint.where_prec < 6:
                continue
            country = d.footprint.country if d.footprint is not None else None
            # nothing finer than a country: the dateline's town, else the town the article
            # names most, if in that country; else the country itself (where_prec 6)
            home = country or (focus.country if focus else None)
            # the town the article names most in that country; the dateline's town only when
            # the article names it too or names no other (a Houston shooting filed in New York)
            main = main_town(told, home, fp)
            # ... and the dateline's town whatever the focus when the event has no place at
            # all and the article names that town again (a Brussels story that recalls Paris)
            if filed is not None and (country is None and filed_again or filed.country == (home or filed.country) and (
                    main is None or main.country != filed.country or filed_again)):
                town = near_town(filed, f"the dateline's town, {filed.expression}", fp)
            else:
                town = near_town(main, f"the town the article names most, {main.expression}", fp) if main else None
            d.footprint = town or d.footprint or focus
            if (d.footprint is None or d.footprint.where_prec == 6) and not told_places:
                # a short report whose names the geoparser read none of ("... near Sokilnyky.")
                d.footprint = unread_place([m.sentence.text for m in d.mentions],
                                           d.footprint.country if d.footprint else None, fp,
                                           area_units, theatre) or d.footprint
        # An event with no place at all, in a text that names none, is not an incident
        # anyone can map or count (ACLED codes none without a location).
        rows = [incident_row(d, g, given) for d in drafts if d.footprint is not None]
    if pub is None and rows:
        warnings.warn("no publication date: relative dates (weekdays, 'days later') are left unknown",
                      stacklevel=2)
    return incident_table(rows, article)
