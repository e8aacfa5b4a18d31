"""The word lists recognition and resolution read: locative words, region and feature words, connectors."""

from __future__ import annotations

import re

PLACE_LABELS = ("GPE", "LOC", "FAC")
#: words before a capitalised run that make it a place ("in Donetsk", "near Bakhmut")
LOCATIVE = {
    "in", "near", "from", "to", "at", "outside", "across", "into", "around", "towards", "toward", "throughout",
    "inside", "through", "via", "between", "and", "of", "northern", "southern", "eastern", "western", "central",
    "north", "south", "east", "west", "nearby", "besieged", "occupied", "liberated", "captured", "seized",
}
#: last words that make a mention a region, not the town of the same name
REGION_WORDS = {
    "oblast", "region", "province", "state", "governorate", "prefecture", "county", "krai", "district", "parish",
    "raion", "territory", "department", "canton", "voivodeship", "republic",
}
#: first words of multiword toponyms: the word belongs to the name ("Lake Vermont" is a lake, not the state)
NAME_PREFIXES = {"lake", "mount", "mt.", "mt", "fort", "ft.", "port", "cape", "saint", "st.", "ste.", "san", "santa",
                 "los", "las", "el", "new", "north", "south", "east", "west", "upper", "lower", "greater"}
#: last words of multiword toponyms ("Douglas County", "Cranberry Township", "Twin Lakes", "Clay County")
NAME_HEADS = {"county", "township", "parish", "borough", "lake", "lakes", "river", "island", "islands", "valley",
              "mountains", "mountain", "peninsula", "bay", "creek", "canyon", "desert", "falls", "heights"}
#: first words of natural features: an unknown name starting with one is not placed at the town or region it
#: names ("Lake Vermont" is not Vermont, "Mount Hope" not Hope)
FEATURE_WORDS = {"lake", "lakes", "mount", "mt.", "river", "island", "islands", "valley", "mountains", "mountain",
                 "peninsula", "bay", "creek", "canyon", "desert", "falls", "cape", "gulf", "sea", "delta", "basin"}
#: last words of natural features: a name ending in one and unknown to the gazetteer is not placed at a town or
#: county named inside it ("Islington Bay" is in New Zealand, not in London's Islington)
NATURAL_HEADS = {"lake", "lakes", "river", "island", "islands", "valley", "mountains", "mountain", "peninsula", "bay",
                 "creek", "canyon", "desert", "falls", "gulf", "sea", "delta", "basin", "beach", "coast", "hills",
                 "forest", "glacier", "reef", "strait", "lagoon"}
#: words that may join capitalised words inside a place name ("Gulf of Aden", "Bosnia and Herzegovina")
CONNECTORS = {"of", "and", "de", "del", "la", "le", "du", "da", "on", "upon", "al", "el"}
#: a capitalised word ending like these and unknown to the gazetteer is a demonym, not a place
DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ic|i|is|an|ans|ers?|ch)$")
#: capitalised words that name regions or towns somewhere but are ordinary words in English text
COMMON_WORDS = {
    "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "central", "centre", "center", "capital", "coast", "island", "islands",
    "lakes", "valley", "river", "mountain", "eastern", "western", "northern", "southern", "city", "county",
    "state", "union", "federal", "national", "international", "independence", "liberty", "victoria", "hope",
    "progress", "unity", "paradise", "commerce", "friendship", "providence", "concord", "harmony", "enterprise",
    "mobile", "police", "justice", "mission", "march", "may", "june", "july", "august", "university", "college",
    "school", "hospital", "church", "street", "road", "park", "square", "airport", "station", "bridge",
    "gulf", "bay", "lake", "hills", "heights", "springs", "falls", "beach", "harbor", "harbour", "port",
}
#: last words of an organisation's name that make it a site ("Colchester General Hospital")
FACILITY_HEADS = {
    "hospital", "school", "university", "college", "church", "cathedral", "mosque", "temple", "library", "stadium",
    "arena", "center", "centre", "airport", "hotel", "estate", "racecourse", "plantation", "park", "museum",
    "prison", "jail", "station", "market", "mall", "theatre", "theater", "hall", "zoo", "bridge", "base",
    "camp", "port", "harbour", "harbor", "street", "avenue", "road", "square", "basilica", "palace",
}
#: last words of street and venue names: a town named in them says nothing of where they are
STREET_HEADS = {
    "street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "drive", "lane", "boulevard", "blvd", "way",
    "bend", "place", "court", "highway", "parade", "crescent", "terrace", "pike", "parkway", "expressway",
}
#: "St Patrick's", "Saint Thomas": a saint's name, rarely the region of that name
SAINT = re.compile(r"^(?:St\.?|Saint|Ste\.?)\s")
#: features named by common words that are still places: "West Coast", "Central Valley", "Lake Victoria"
NEWS_FEATURES = frozenset({"country", "region", "water", "landform", "continent"})


def common_words(words: list[str]) -> bool:
    """Whether every word is a common word or a region word ("Central District", "Northwest")."""
    return all(w.lower() in COMMON_WORDS or w.lower() in REGION_WORDS for w in words)


#: last words that make a name a site or a named part of a town whoever else it names ("Carnegie Library",
#: "Royal Street", "Mozart Estate", "Beledweyne District")
SITE_HEADS = FACILITY_HEADS | STREET_HEADS | {
    "district", "region", "province", "state", "county", "municipality", "neighborhood", "neighbourhood",
    "estate", "township", "quarter", "camp", "island", "islands", "centre", "center", "parade"}
