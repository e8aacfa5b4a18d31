"""Document-level resolution: every mention's candidates scored against the article's other places.

Pass 1 takes the names resolved with little doubt (and the source's home, and the dateline at a higher
weight) as the article's geography; each mention is then chosen against the geography less its own name (a
doubtful name also against the names listed with it, ``kinds``); pass 2, joint, adds the names chosen with
doubt at a lower weight and chooses those again. Last, a name that qualifies the name before it ("Buffalo,
New York") becomes the region that holds that name's place.
"""

from __future__ import annotations

import re
from collections import Counter

from newsgraph.gazetteer import Candidate, Gazetteer
from newsgraph.nlp.places.candidates import compass_variant, contained, prior_reason, rank
from newsgraph.nlp.places.document import Mention, PlaceDoc, RankKey, name_and_qualifier
from newsgraph.nlp.places.geography import HOME_KEY, LOCAL_FEATURES, Context, Geography, km
from newsgraph.nlp.places.kinds import (
    continues_list,
    kind_word,
    list_bonus,
    list_kinds,
    list_neighbours,
    qualifying_region,
)
from newsgraph.nlp.places.qualifiers import QUALIFIER, mark_dateline, qual_bonus, qualifier
from newsgraph.nlp.places.words import CONNECTORS, FEATURE_WORDS, NATURAL_HEADS
from newsgraph.records import Place

#: a candidate this close to a town or county the article names with little doubt gains up to NEAR_BONUS
NEAR_KM = 250.0
NEAR_BONUS = 2.0
#: what the article's other places add to a candidate in their country: COUNTRY_WEIGHT times their share;
#: in their first-level region (a town or county there): REGION_BASE plus REGION_WEIGHT times their share
COUNTRY_WEIGHT = 2.5
REGION_BASE = 0.5
REGION_WEIGHT = 2.5
#: the weight of the source's home place among the article's places (a dateline counts 3, a mention 1)
HOME_WEIGHT = 1.0
#: the weight of a place chosen with doubt in the second, joint pass (0 turns the pass off)
JOINT_WEIGHT = 0.5

#: a town the gazetteer alone found after a locative word ("the return of Bains") smaller than this, in a
#: country the article's other places never name, is a word that names a town somewhere: it keeps no point
STRAY_TOWN_POPULATION = 20_000

#: a town this populous (a world city) keeps its name against namesakes ten times smaller that only the
#: article's countries favour
WORLD_CITY = 500_000

#: the weight of the article's main region (its mentions and its towns') from which its town holds its sites
MAIN_REGION_WEIGHT = 3.0

Choice = tuple[Candidate, str] | None


class Resolver:
    """Resolves a document's mentions; holds only the gazetteer and settings between documents."""

    def __init__(self, gazetteer: Gazetteer, site_fallback: bool = True,
                 press: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.gaz = gazetteer
        self.site_fallback = site_fallback
        self.press = press  # cities the press names for their countries (``press.press_cities``)

    def resolve(self, pdoc: PlaceDoc) -> list[Place]:
        text, mentions, home = pdoc.text, pdoc.mentions, pdoc.home
        self._candidates(text, mentions)
        mark_dateline(text, mentions)
        # pass 1: mentions resolved with little doubt give the document's geography: countries, regions and
        # the points of its towns and counties
        geo = Geography()
        if home is not None:
            geo.add(HOME_KEY, home, HOME_WEIGHT, f"the source's home {home.name}")
        sure: dict[RankKey, tuple[list[float], Candidate | None]] = {}
        for m in mentions:
            key = name_and_qualifier(m)
            entry = sure.get(key)
            if entry is None:
                entry = sure[key] = rank(m, self.press)
            m.priors, best = entry
            if best is not None:
                geo.add(m.text, best, 3.0 if m.dateline else 1.0)
        sure_best = [sure[name_and_qualifier(m)][1] for m in mentions]
        for m, best, neighbours in zip(mentions, sure_best, list_neighbours(text, mentions), strict=True):
            if best is None and neighbours:
                m.listed_with = list_kinds(neighbours, sure_best)
        chosen = choose_each(mentions, geo, [True] * len(mentions))
        # pass 2, joint: the names chosen with doubt join the geography at a lower weight, and those names are
        # chosen again against it ("Arlington" and "Alexandria" in one story settle on one Virginia)
        doubtful = [sure[name_and_qualifier(m)][1] is None and bool(m.cands) for m in mentions]
        if JOINT_WEIGHT and any(doubtful):
            joint = geo.copy()
            for m, choice in zip(mentions, chosen, strict=True):
                if choice is not None and sure[name_and_qualifier(m)][1] is None:
                    joint.add(m.text, choice[0], JOINT_WEIGHT)
            for i, choice in enumerate(choose_each(mentions, joint, doubtful)):
                if doubtful[i]:
                    chosen[i] = choice
        qualifying_names(text, mentions, chosen)
        drop_stray_towns(mentions, chosen, geo)
        site = main_town(mentions, chosen, geo.countries) if self.site_fallback else None
        holders = neighbour_holders(text, mentions, chosen) if self.site_fallback else [None] * len(mentions)
        sites = local_sites(mentions, chosen, site)
        return [place(m, choice, holder or here, holder is not None, text)
                for m, choice, holder, here in zip(mentions, chosen, holders, sites, strict=True)]

    def _candidates(self, text: str, mentions: list[Mention]) -> None:
        """Each mention's candidates and qualifier; a name repeated in the article is looked up once."""
        by_name: dict[str, tuple[list[tuple[Candidate, bool]], tuple[str, list[tuple[Candidate, bool]]] | None]] = {}
        named = frozenset(m.text for m in mentions)
        for m in mentions:
            found = by_name.get(m.text)
            if found is None:
                cands = self.gaz.lookup(m.text) or compass_variant(self.gaz, m.text)
                inner = None
                if not cands:
                    inner = contained(self.gaz, m.text, named)
                    cands = inner[1] if inner else []
                found = by_name[m.text] = (cands, inner)
            m.cands, m.inner = found
            m.kind = kind_word(text, m.start, m.end)
        for i, m in enumerate(mentions):
            m.qualifier = qualifier(self.gaz, text, m.end)
            if m.qualifier and all(q.feature == "country" for q, _ in m.qualifier) and any(
                    main and c.feature == "country" for c, main in m.cands):
                m.qualifier = []  # "Chad, Niger, Nigeria": a list of countries, not Niger State of Nigeria
            elif (m.qualifier and i + 2 < len(mentions) and all(q.feature == "admin1" for q, _ in m.qualifier)
                  and any(main and c.feature == "admin1" for c, main in m.cands)
                  and continues_list(text, mentions[i + 1].end, mentions[i + 2], "admin1")):
                m.qualifier = []  # "Washington, Pennsylvania and California": a list of states
        # "Alexandria, Va." once in the article qualifies every other "Alexandria" of it
        article_quals = {m.text: m.qualifier for m in mentions if m.qualifier}
        for m in mentions:
            if not m.qualifier and m.text in article_quals:
                m.qualifier, m.far_qualifier = article_quals[m.text], True


def choose_each(mentions: list[Mention], geo: Geography, which: list[bool]) -> list[Choice]:
    """The choice for each mention flagged in ``which`` (None for the others), against the geography of the
    *other* names: a name must not vote for itself, nor its repeats for each other; a name with the same
    qualifier is chosen once."""
    contexts: dict[str, Context] = {}
    choices: dict[tuple[RankKey, tuple[tuple[str, str | None], ...]], Choice] = {}
    out: list[Choice] = []
    for m, wanted in zip(mentions, which, strict=True):
        if not wanted:
            out.append(None)
            continue
        key = (name_and_qualifier(m), m.listed_with)
        if key not in choices:
            context = contexts.get(m.text)
            if context is None:
                context = contexts[m.text] = geo.without(m.text)
            choices[key] = choose(m, context)
        out.append(choices[key])
    return out


def choose(m: Mention, context: Context) -> Choice:
    """The best candidate of a mention and the reason, or None when the gazetteer has no entry."""
    if not m.cands:
        return None
    total = context.total
    # distance counts among towns and counties only: "China", "Florida", "Ontario" are the country or
    # region whatever small town of the name lies near the article's others
    local = context.points and not any(
        main and c.feature not in LOCAL_FEATURES for c, main in m.cands)
    scored: list[tuple[float, Candidate, list[str]]] = []
    for prior, (c, _) in zip(m.priors, m.cands, strict=True):
        why: list[str] = []
        score = prior
        qual = qual_bonus(m, c)
        if qual:
            score += qual
            where = " (elsewhere in the article)" if m.far_qualifier else ""
            why.append("qualifier " + ", ".join(q.name for q, _ in m.qualifier[:1]) + where)
        listed = list_bonus(m, c)
        if listed:
            score += listed
            why.append(f"listed with {'the ' + c.country + ' ' if c.country else ''}{c.feature} names")
        if c.country and total:
            # the share of the article's confident places in the candidate's country (and region)
            share = context.countries.get(c.country, 0.0) / total
            if share > 0:
                score += COUNTRY_WEIGHT * share
                why.append(f"country {c.country} {context.said(c.country, None)}")
            if c.admin1 and c.feature not in ("admin1", "country"):
                rshare = context.regions.get((c.country, c.admin1), 0.0) / total
                if rshare > 0:
                    score += REGION_BASE + REGION_WEIGHT * rshare
                    why.append(f"region {c.admin1} {context.said(c.country, c.admin1)}")
        if local and c.lat is not None and c.lon is not None and c.feature in LOCAL_FEATURES:
            # the distance to the article's confident towns and counties
            d, near = min((km(c.lat, c.lon, lat, lon), name) for name, lat, lon in context.points)
            if d < NEAR_KM:
                score += NEAR_BONUS * (1.0 - d / NEAR_KM)
                why.append(f"{d:.0f} km from {near}")
        scored.append((score, c, why))
    scored.sort(key=lambda x: -x[0])
    _, best, why = scored[0]
    mains = {id(c) for c, main in m.cands if main}  # the candidates the name is the main name of
    if best.feature == "city":  # "Singapore", "Kuwait": the country of the same name
        same = [c for _, c, _ in scored if c.feature == "country" and c.country == best.country]
        if same:
            best, why = same[0], ["country of the same name as its city"]
        elif best.population < STRAY_TOWN_POPULATION and not any(
                w.startswith(("qualifier", "region ")) for w in why):
            # "England" in a story whose "Kent" looked American: a small town beats the country or first-level
            # region of its name by a qualifier or its region named, never by its country's share alone
            big = [(c, w) for _, c, w in scored if c.feature in ("country", "admin1") and id(c) in mains]
            if big:
                best, why = big[0]
        if best.feature == "city" and not any(w.startswith(("qualifier", "region ")) or " km from " in w
                                              for w in why):
            # "Washington" in a story that names Britain is not Washington, Tyne and Wear (67,000 people): a
            # world city's namesake ten times smaller needs more than its country's share
            world = [(c, w) for _, c, w in scored if c.feature == "city" and c.population >= WORLD_CITY
                     and c.population >= 10 * max(best.population, 1) and id(c) in mains]
            if world:
                best, why = max(world, key=lambda cw: cw[0].population)
    if not why:
        why.append(prior_reason(best))
    if m.inner:
        why.insert(0, f"named inside the mention: {m.inner[0]}")
    if len(scored) > 1:
        why.append(f"{len(scored)} places share the name")
    return best, "; ".join(why)


def qualifying_names(text: str, mentions: list[Mention], chosen: list[Choice]) -> None:
    """A name right after "X, " that qualifies X's chosen place becomes the region that holds it ("Buffalo, New
    York": the state; "Atlanta, Georgia": the US state, not the country; "Queens, New York": the city)."""
    for i in range(len(mentions) - 1):
        m, nxt, choice = mentions[i], mentions[i + 1], chosen[i]
        if not m.qualifier or m.far_qualifier or choice is None or not qual_bonus(m, choice[0]):
            continue
        found = QUALIFIER.match(text, m.end)
        if found is None or nxt.start != found.start(1):
            continue
        region = qualifying_region(nxt, choice[0], m.qualifier)
        if region is not None:
            chosen[i + 1] = region


def drop_stray_towns(mentions: list[Mention], chosen: list[Choice], geo: Geography) -> None:
    """No point for a small town found by the gazetteer alone (no model entity) in a country the article's other
    places (and the source's home) never name: "Bains" (a French village) in a story from Nassau, which would
    also become the article's main town and place its sites in France."""
    for i, (m, choice) in enumerate(zip(mentions, chosen, strict=True)):
        if choice is None or not m.rule.startswith("gazetteer:after_"):
            continue
        c = choice[0]
        if c.feature != "city" or c.population >= STRAY_TOWN_POPULATION or not c.country:
            continue
        context = geo.without(m.text)
        if context.countries.get(c.country, 0.0) <= 0:
            chosen[i] = None


#: a plural word for a people ("North Koreans", "Sudanese", "Islanders"): not a part of a town
_PEOPLE = re.compile(r"(?:ans|ese|ers)$")

#: what says that a name the model calls a place is a person's: a title or a name particle before it, a speech
#: verb after it ("von der Leyen", "President Kishida", "Nebenzia said")
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:von|van|der|den|de|bin|ibn|al|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Gen\.?|Sen\.?|Rep\.?|President|Minister|"
    r"Secretary|Chancellor|Premier|Governor|Mayor|Ambassador|Envoy|Spokesperson|Spokesman|Spokeswoman|General|"
    r"Commander|King|Queen|Prince|Sheikh|Senator|Judge|Professor)|['’]s) $")
_PERSON_AFTER = re.compile(r"(?:,? (?:said|says|told|added|stated|wrote|argued|noted|announced|asked|explained)\b|['’]s "
                           r"(?:government|administration|party|office|remarks|comments|statement))")

#: what may stand between a name the gazetteer lacks and the town or region named right after it that holds it
_HELD_BY = re.compile(
    r"(?: (?:camp|base|district|area|neighbou?rhood|village|suburb|township|refugee camp|region))?"
    r"(?:,| in| near| outside)(?: the)? ?")


#: how far (characters) around a name the article's other places say which country it is in
NEARBY_CHARS = 200


def local_sites(mentions: list[Mention], chosen: list[Choice], site: Candidate | None) -> list[Candidate | None]:
    """The main town for each name the gazetteer lacks, unless the towns and regions named around it
    (``NEARBY_CHARS``) all lie in other countries: "Sado Khelo area of Deh Yak district, Ghazni" is not in the Washington of a
    story mostly about the US."""
    out: list[Candidate | None] = []
    for m, choice in zip(mentions, chosen, strict=True):
        if site is None or choice is not None:
            out.append(site)
            continue
        near = {ch[0].country for n, ch in zip(mentions, chosen, strict=True)
                if ch is not None and ch[0].country and ch[0].feature in ("city", "admin1", "admin2") and n is not m
                and not ch[1].startswith("most populous")  # "Delft" (NL) in a Cape Town story: no evidence
                and n.start < m.end + NEARBY_CHARS and m.start - NEARBY_CHARS < n.end}
        out.append(site if not near or site.country in near else None)
    return out


def neighbour_holders(text: str, mentions: list[Mention], chosen: list[Choice]) -> list[Candidate | None]:
    """For each name the gazetteer lacks, the town, county or region named right after it that holds it, if any:
    "Fort Detrick in Maryland", "Abu Shok camp near El Fasher", "Cyber Tech, Nassau": a better point than the
    article's main town, which may lie in another region."""
    out: list[Candidate | None] = [None] * len(mentions)
    for i, (m, choice) in enumerate(zip(mentions, chosen, strict=True)):
        if choice is not None or i + 1 >= len(mentions):
            continue
        nxt, held = mentions[i + 1], chosen[i + 1]
        if held is None or held[0].feature not in ("city", "admin2", "admin1"):
            continue
        if _HELD_BY.fullmatch(text[m.end : nxt.start]) and m.text.rsplit(None, 1)[-1].lower() not in NATURAL_HEADS:
            out[i] = held[0]
    return out


def place(m: Mention, chosen: Choice, site: Candidate | None, beside: bool = False, text: str = "") -> Place:
    """The record of a mention: its chosen candidate, else the place named beside it (``beside``) or the
    article's main town for a site or a named part of a town (a name, capitalised: never "in absentia"), else
    a place without a point. A name the model calls a place but the gazetteer lacks is not a part of the town
    when its context in ``text`` says it is a person: a title or name particle before it ("von der Leyen",
    "President Kishida") or a speech verb after it ("Nebenzia said"); nor when it names one of the article's
    people or organisations ("Nvidia")."""
    if chosen is not None:
        best, reason = chosen
        return Place(
            start=m.start, end=m.end, text=m.text, name=best.name, country=best.country, admin1=best.admin1,
            feature=best.feature, lat=best.lat, lon=best.lon, geonameid=best.geonameid, rule=m.rule,
            reason=reason,
        )
    if m.entity_name or _PEOPLE.search(m.text):
        site = None  # "Leyen", "Nvidia", "North Koreans": not a part of the article's main town
    where, suffix = ("named beside it", "+beside") if beside else ("the article's main town", "+main_town")
    if site is not None and m.label == "FAC" and m.text[:1].isupper():
        return Place(
            start=m.start, end=m.end, text=m.text, name=m.text, country=site.country, admin1=site.admin1,
            feature="site", lat=site.lat, lon=site.lon, geonameid=None, rule=m.rule + suffix,
            reason=f"site not in the gazetteer: placed at {site.name}, {where}",
        )
    words = m.text.split()
    if (site is not None and m.label in ("GPE", "LOC") and m.inner is None and m.text[:1].isupper()
            and words[-1].lower() not in CONNECTORS and words[0].lower() not in FEATURE_WORDS
            and words[-1].lower() not in NATURAL_HEADS
            and not m.text.isupper() and not _PERSON_BEFORE.search(text[max(0, m.start - 24) : m.start])
            and not _PERSON_AFTER.match(text[m.end : m.end + 16])):
        # "Beledweyne District", "Mozart Estate", "Khayelitsha": a named part of the town (a lone word may be a
        # people or a creed the model calls a place, "Qiang": the reason says where the point comes from); never
        # a natural feature ("Lake Vermont" is not a part of the town)
        return Place(
            start=m.start, end=m.end, text=m.text, name=m.text, country=site.country, admin1=site.admin1,
            feature="district", lat=site.lat, lon=site.lon, geonameid=None, rule=m.rule + suffix,
            reason=f"place not in the gazetteer: placed at {site.name}, {where}",
        )
    return Place(start=m.start, end=m.end, text=m.text, name=m.text, rule=m.rule, reason="no gazetteer entry")


def main_town(mentions: list[Mention], chosen: list[Choice], countries: Counter[str]) -> Candidate | None:
    """The article's main town, for sites the gazetteer lacks ("Royal Street"), in the article's main country:
    where the article's main region is named at least MAIN_REGION_WEIGHT times (by its own name or by its towns
    and counties), the town of that region named most often, then the most populous (once is enough: "New
    Orleans" in a story that names Louisiana three times, not a namesake elsewhere named twice); else the
    dateline's town, a town named at least twice, or the only town the article names ("Mozart Estate" in a
    story that names London once)."""
    if not countries:
        return None
    top_country = countries.most_common(1)[0][0]
    towns: Counter[str] = Counter()
    by_key: dict[str, Candidate] = {}
    for m, ch in zip(mentions, chosen, strict=True):
        if ch and ch[0].feature == "city" and ch[0].country == top_country:
            towns[ch[0].key] += 2 if m.dateline else 1
            by_key[ch[0].key] = ch[0]
    if not towns:
        return None
    # the regions of the places chosen: a region by its name, or a town or county in it
    regions: Counter[tuple[str, str]] = Counter()
    for ch in chosen:
        if ch and ch[0].country and ch[0].admin1 and ch[0].feature != "country":
            regions[(ch[0].country, ch[0].admin1)] += 1
    in_country = [(w, r) for r, w in regions.items() if r[0] == top_country]
    if in_country:
        weight, region = max(in_country)
        local = Counter({k: n for k, n in towns.items() if (by_key[k].country, by_key[k].admin1) == region})
        if weight >= MAIN_REGION_WEIGHT and local:
            key = max(local, key=lambda k: (local[k], by_key[k].population))
            return by_key[key]
    ranked = towns.most_common(2)
    key, count = ranked[0]
    return by_key[key] if count >= 2 or len(ranked) == 1 else None
