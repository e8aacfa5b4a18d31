"""Convert the PETRARCH2/Phoenix dictionaries (MIT) into newsgraph's compact knowledge files.

    python scripts/convert_petrarch.py [--src ../shared/data/petrarch-dictionaries] [--plover ../shared/data/plover-gsr]

Writes, under src/newsgraph/knowledge/:
  actors/countries.tsv   ISO3 <tab> names, demonyms, capitals and cities ("|"-separated, lower case)
  actors/actors.tsv      phrase|synonyms <tab> codes with date ranges (people, institutions, IGOs, NGOs, armed groups)
  actors/agents.tsv      role noun <tab> PLOVER sector(s) (president -> GOV, troops -> MIL, citizen -> CVL)
  petrarch_verbs.tsv     verb lemma (+particle), object / preposition constraint -> CAMEO code
  cameo_plover.tsv       CAMEO code -> PLOVER type, mode, context (from CAMEO2PLOVER-2021.txt, CC BY-SA 4.0)

Only what newsgraph uses is kept: multinational-company entries, pre-verb patterns, verb-verb transformations and
patterns nested deeper than one object or one prepositional phrase are dropped. Hand-curated entries live in
separate files (actors/additions.tsv, event_patterns.tsv) that this script never touches.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/knowledge"

MIT_NOTICE = """\
# Derived from the PETRARCH2 / Phoenix dictionaries (https://github.com/openeventdata/petrarch2,
# commit 676801cd, data/dictionaries), converted by scripts/convert_petrarch.py. Do not edit by hand:
# add entries to actors/additions.tsv or event_patterns.tsv instead.
#
# The MIT License (MIT)
# Copyright (c) 2014 Open Event Data Alliance
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
# documentation files (the "Software"), to deal in the Software without restriction, including without limitation
# the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
# permit persons to whom the Software is furnished to do so, subject to the following conditions:
# The above copyright notice and this permission notice shall be included in all copies or substantial portions of
# the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO
# THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
# CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
# IN THE SOFTWARE.
"""

_CODE = re.compile(r"\[([^\]]*)\]")


def phrase(raw: str) -> str:
    """PETRARCH phrase -> lower-case words: "VLADIMIR_V._PUTIN_" -> "vladimir v. putin"."""
    return " ".join(raw.replace("_", " ").lower().split())


def ymd(raw: str) -> str:
    """"000507" -> "20000507", "910824" -> "19910824"; 8-digit dates pass through."""
    raw = raw.strip()
    if len(raw) == 6:
        return ("20" if int(raw[:2]) < 30 else "19") + raw
    return raw


def restriction(text: str) -> str | None:
    """"CHNGOV 20121115-20130314" -> "CHNGOV:20121115-20130314"; ">080401" -> ":20080401-"; "---" -> None."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0]
    if code.startswith("~") or code.endswith("~"):
        return None
    if not re.fullmatch(r"[A-Z]{3,15}|---", code):
        return None
    if len(parts) == 1:
        return code
    rng = "".join(parts[1:])
    try:
        if rng.startswith("<"):
            return f"{code}:-{ymd(rng[1:])}"
        if rng.startswith(">"):
            return f"{code}:{ymd(rng[1:])}-"
        a, b = rng.split("-", 1)
        return f"{code}:{ymd(a)}-{ymd(b)}"
    except ValueError:
        return code


def read_actor_blocks(path: Path) -> list[tuple[list[str], list[str]]]:
    """[(phrases, codes)] from a PETRARCH .actors file."""
    blocks: list[tuple[list[str], list[str]]] = []
    cur: tuple[list[str], list[str]] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        codes = [c for c in (restriction(m) for m in _CODE.findall(body)) if c]
        text = _CODE.sub(" ", body)
        if body[0] in " \t":
            if cur is not None:
                cur[1].extend(codes)
            continue
        if body.startswith("+"):
            if cur is None:
                continue
            p = phrase(text[1:])
            if p:
                cur[0].append(p)
            cur[1].extend(codes)
            continue
        p = phrase(text)
        if not p:
            continue
        cur = ([p], codes)
        blocks.append(cur)
    return blocks


def convert_actors(src: Path) -> None:
    countries: dict[str, list[str]] = defaultdict(list)
    rows: list[tuple[list[str], list[str], str]] = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for phrases, codes in read_actor_blocks(src / name):
            codes = list(dict.fromkeys(c for c in codes if not c.startswith("---")))
            if not codes:
                continue
            bases = {c.split(":")[0] for c in codes}
            current = [c.split(":")[0] for c in codes if ":" not in c or c.endswith("-")]
            if name.startswith("Phoenix.Countries") and current and all(len(b) == 3 for b in current):
                # a country block: names, demonyms, capitals and cities; the code valid today is the open-ended one
                iso = current[-1]
                countries[iso].extend(p for p in phrases if p not in countries[iso])
                continue
            if any(b.startswith("MNC") for b in bases):
                continue  # multinational companies: not needed for event coding, and large
            rows.append((phrases, codes, name.split(".")[1].lower()))
    (OUT / "actors").mkdir(parents=True, exist_ok=True)
    with open(OUT / "actors/countries.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Countries: ISO 3166 alpha-3 (or CAMEO code) <tab> names, demonyms, capitals and cities used as\n")
        fh.write("# metonyms, lower case, '|'-separated.\n" + MIT_NOTICE + "#\n# code\tnames\n")
        for iso in sorted(countries):
            fh.write(f"{iso}\t{'|'.join(countries[iso])}\n")
    with open(OUT / "actors/actors.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Named actors: phrases ('|'-separated, lower case) <tab> CAMEO codes, each optionally with a\n")
        fh.write("# validity range CODE:YYYYMMDD-YYYYMMDD (an open end is empty) <tab> source file.\n")
        fh.write(MIT_NOTICE + "#\n# phrases\tcodes\tsource\n")
        seen: set[tuple[str, str]] = set()
        for phrases, codes, source in rows:
            key = ("|".join(phrases), " ".join(codes))
            if key in seen:
                continue
            seen.add(key)
            fh.write(f"{key[0]}\t{key[1]}\t{source}\n")
    print(f"countries: {len(countries)}, actors: {len(seen)}")


def convert_agents(src: Path) -> None:
    subs: dict[str, list[str]] = {}
    out: dict[str, tuple[str, str]] = {}
    for line in (src / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        m = re.fullmatch(r"(!\w+!)\s*=\s*(.+)", body)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"(.+?)\s*(\{[^}]*\})?\s*\[([^\]]+)[\]}]", body)
        if not m:
            continue
        raw, plural, code = m.group(1), m.group(2), m.group(3).strip()
        where = "suffix" if code.startswith("~") else "prefix"
        code = code.strip("~")
        expansions = [raw]
        for marker, values in subs.items():
            if marker in raw:
                expansions = [raw.replace(marker, v) for v in values]
        for e in expansions:
            p = phrase(e.replace("!", ""))
            if p and p not in out:
                out[p] = (code, where)
        if plural and plural.strip("{} "):
            for pl in plural.strip("{}").split():
                p = phrase(pl)
                if p and p not in out:
                    out[p] = (code, where)
    with open(OUT / "actors/agents.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Agents: role nouns (lower case; regular plurals are generated when read) <tab> CAMEO agent code\n")
        fh.write("# (its 3-letter parts map to PLOVER sectors: GOV MIL COP JUD LEG ...) <tab> suffix|prefix.\n")
        fh.write(MIT_NOTICE + "#\n# phrase\tcode\tposition\n")
        for p in sorted(out):
            fh.write(f"{p}\t{out[p][0]}\t{out[p][1]}\n")
    print(f"agents: {len(out)}")


_PATTERN = re.compile(r"^-\s*(.*?)\s*\*\s*(.*?)\s*\[([^\]]+)\]")


def convert_verbs(src: Path) -> None:
    lines = (src / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    cur_set: str | None = None
    rows: list[tuple[str, ...]] = []  # kind, block, lemma, particle, obj, prep, pobj, code
    block_code = "---"
    block = ""
    in_verbs = False
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body.startswith("&"):
            cur_set = body.strip()
            synsets[cur_set] = []
            continue
        if body.startswith("+") and cur_set and not in_verbs:
            synsets[cur_set].append(body[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        m = re.match(r"^---\s+(.+?)\s+\[([^\]]*)\]\s+---", body)
        if m:
            in_verbs, cur_set = True, None
            block_code = m.group(2).strip()
            block = m.group(1).strip().lower()
            continue
        if not in_verbs or body.startswith("~"):
            continue
        if body.startswith("-"):
            pm = _PATTERN.match(body)
            if not pm or pm.group(1).strip():
                continue  # pre-verb patterns are not converted
            post, code = pm.group(2).strip(), pm.group(3).strip().split(":")[0]
            if code == "---" or "$" in post or "%" in post or "^" in post:
                continue
            obj, prep, pobj = _post(post, synsets)
            if obj is None:
                continue
            rows.append(("pattern", block, "", "", obj, prep, pobj, code))
            continue
        # a verb line: WORD {forms} [code] or +PHRASE_WORDS {forms} [code]
        vm = re.match(r"^(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", body.strip())
        if not vm:
            continue
        word = vm.group(1)
        code = vm.group(3)[1:-1].strip() if vm.group(3) else block_code
        parts = word.split("_")
        head = next((p for p in parts if p.startswith("+")), parts[0]).lstrip("+").lower()
        rest = [p.lower() for p in parts if p.lstrip("+").lower() != head]
        particle = rest[0] if rest and word.index(head.upper()) == 0 else ""
        if not head.isalpha():
            continue
        code = code.split(":")[0] if code else "---"
        rows.append(("verb", block, head, particle, "", "", "", code or "---"))
    rows = list(dict.fromkeys(rows))
    with open(OUT / "petrarch_verbs.tsv", "w", encoding="utf-8") as fh:
        fh.write("# The PETRARCH2 CAMEO verb dictionary (CAMEO.2.0.txt), flattened. 'verb' rows put a verb lemma (and\n")
        fh.write("# particle) in a synonym block with its own CAMEO code ('---': no event alone); 'pattern' rows apply to\n")
        fh.write("# every verb of their block: direct-object head words ('|'), a preposition and its object's head\n")
        fh.write("# words -> CAMEO code. Hand patterns in event_patterns.tsv take precedence over these.\n")
        fh.write(MIT_NOTICE + "#\n# kind\tblock\tlemma\tparticle\tobj\tprep\tpobj\tcameo\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"verb patterns: {len(rows)}")


def _words(item: str, synsets: dict[str, list[str]]) -> str | None:
    item = item.strip("{} ")
    if not item:
        return ""
    head = item.split()[-1]
    if head.startswith("&"):
        words = synsets.get(head)
        if not words:
            return None
        return "|".join(sorted({w.split()[-1] for w in words}))
    return head.lower().replace("_", " ").split()[-1]


def _post(post: str, synsets: dict[str, list[str]]) -> tuple[str | None, str, str]:
    """"HELP" -> ("help", "", ""); "(FOR {FINANCIAL AID})" -> ("", "for", "aid"); anything deeper -> None."""
    m = re.fullmatch(r"(\{[^}]*\}|[&\w'-]+)?\s*(\((\w+)\s*(\{[^}]*\}|[&\w'-]+)?\))?", post)
    if not m:
        return None, "", ""
    obj = _words(m.group(1) or "", synsets)
    prep = (m.group(3) or "").lower()
    pobj = _words(m.group(4) or "", synsets) if m.group(4) else ""
    if obj is None or pobj is None:
        return None, "", ""
    if not obj and not prep:
        return None, "", ""
    return obj, prep, pobj


def convert_cameo_plover(plover: Path) -> None:
    out = []
    for line in (plover / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?", line)
        if not m:
            continue
        code, typ = m.group(1), m.group(2)
        mode = (m.group(3) or "").strip()
        context = ";".join(c.strip() for c in (m.group(4) or "").split(";") if c.strip())
        out.append((code, typ, mode, context))
    with open(OUT / "cameo_plover.tsv", "w", encoding="utf-8") as fh:
        fh.write("# CAMEO code -> PLOVER event type, mode, context (';'-separated).\n")
        fh.write("# From CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, Philip Schrodt, Open Event Data Alliance),\n")
        fh.write("# https://github.com/openeventdata/PLOVER, licensed CC BY-SA 4.0; converted by\n")
        fh.write("# scripts/convert_petrarch.py. Two-digit rows are the defaults for their root.\n")
        fh.write("# newsgraph additions (not in the table, which drops CAMEO 01 and 02): 02x APPEAL -> REQUEST.\n")
        fh.write("# cameo\ttype\tmode\tcontext\n")
        for row in out:
            fh.write("\t".join(row) + "\n")
        for code, mode in (("02", ""), ("020", ""), ("021", "assist"), ("022", "assist"), ("023", "assist"),
                           ("024", "change"), ("025", "yield"), ("026", "meet"), ("027", "meet"), ("028", "meet")):
            fh.write(f"{code}\tREQUEST\t{mode}\t\n")
    print(f"cameo->plover rows: {len(out)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=ROOT.parent / "shared/data/petrarch-dictionaries")
    ap.add_argument("--plover", type=Path, default=ROOT.parent / "shared/data/plover-gsr")
    args = ap.parse_args()
    convert_actors(args.src)
    convert_agents(args.src)
    convert_verbs(args.src)
    convert_cameo_plover(args.plover)


if __name__ == "__main__":
    main()
