"""Scale of the store and the API: a large database of synthetic records, batch write time, routes under load.

    python benchmarks/store_scale.py [--articles 1000000] [--db FILE] [--minutes M] [--clients 16] [--requests 8]
    python benchmarks/store_scale.py --articles 50000 --batch 256 --checkpoints 0,5000,50000 \
        --compare-at 5000,50000 --records /tmp/records.jsonl      # old vs new queries at 5,000 and 50,000

1. The bundled sample (90 articles) is analysed once; each synthetic record is one of those records with a new
   id (the hash of its text, as ingest gives one), a publication date spread over two years, one of 500 sources, a numbered title and a closing line
   appended to the text (offsets of every extracted item stay valid), so texts differ and text search has
   selective words (``--words``: a vocabulary of made-up words, one or two per article).
2. Records are written through the real store (``Store.write``, the path every ingest batch takes), in batches
   of ``--batch`` (32). The write time of a batch is measured at 0, 100,000 and 1,000,000 stored articles
   (median and mean of ``--samples`` batches, 20; the checkpoints the run reaches) and the file size per article is printed. ``--minutes``
   bounds the filling: the run reports the number of articles it reached.
   Each batch's time spent extending the summary tables (store/summaries.py) is reported beside it.
   ``--compare-at N,M``: on reaching N (then M) articles the read queries are timed, median of 3 after a warm-up,
   with the queries of before the summary tables (tests/web/queries_before_summaries.py, kept as the reference)
   and the current ones (at min_confidence 0, the same answers, and at the default threshold, what routes do).
3. The API app is served by ``newsgraph serve`` (a process of its own) on 127.0.0.1 (a free port) and
   ``--clients`` threads of this process request each API route
   and page ``--requests`` times each, all routes interleaved; p50 and p95 latencies are printed per route.
   ``--cache both`` (default) runs it twice, the app's answer cache (store/cache.py) off, then on: with it on,
   the warm-up request of each route fills the cache and the timed ones read it.

On a shared machine compare the rows of one run. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.ids import article_id  # noqa: E402
from newsgraph.records import ArticleRecord  # noqa: E402
from newsgraph.store import summaries  # noqa: E402
from newsgraph.store.duck import Store  # noqa: E402

CHECKPOINTS = (0, 100_000, 1_000_000)
SUMMARY_SECONDS: list[float] = []  # time spent in summaries.add_batch, per write
SORTS: list[tuple[int, str, float]] = []  # (stored articles, table, seconds): summary tables a write sorted again


def _timed_add_batch(original):  # type: ignore[no-untyped-def]
    def add_batch(con, batch):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return original(con, batch)
        finally:
            SUMMARY_SECONDS.append(time.perf_counter() - t0)
    return add_batch


summaries.add_batch = _timed_add_batch(summaries.add_batch)
SAMPLE_BATCHES = 20
SYLLABLES = ("ka", "lo", "mi", "ten", "ru", "va", "zor", "pe", "qui", "sel", "dun", "ar", "bex", "no", "tig")


def sample_records(cache: Path | None) -> list[ArticleRecord]:
    """The bundled sample's records, analysed here (or read from ``cache``, a JSONL file written on first use)."""
    if cache is not None and cache.is_file():
        return [ArticleRecord.from_dict(json.loads(line)) for line in cache.read_text(encoding="utf-8").splitlines()]
    records = _analyse_sample()
    if cache is not None:
        cache.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in records), encoding="utf-8")
    return records


def _analyse_sample() -> list[ArticleRecord]:
    from newsgraph.batch import process_batch
    from newsgraph.ingest import iter_inputs
    from newsgraph.records import Article
    from newsgraph.settings import Settings

    articles = [a for a in iter_inputs([str(ROOT / "samples/articles.jsonl")]) if isinstance(a, Article)]
    return [r for r in process_batch(articles, Settings()) if isinstance(r, ArticleRecord)]


def vocabulary(n: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < n:  # 15 syllables, 3 to 5 of them: 790,000 possible words
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))))
    return sorted(words)


def synthetic(base: ArticleRecord, i: int, rng: random.Random, words: list[str]) -> ArticleRecord:
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
    source = f"source-{rng.randrange(500):03d}"
    tags = " ".join(rng.sample(words, 2))
    text = f"{base.text}\n\n({source}, report {i}, {day.isoformat()}; {tags})"
    # ids as ingest gives them (a hash of the text): insertion order is not id order, as in a real store
    return replace(base, id=article_id(text), text=text, published=day.isoformat(), source=source,
                   title=f"{base.title or 'Untitled'} #{i}")


def fill(store: Store, records: list[ArticleRecord], target: int, batch: int, deadline: float,
         rng: random.Random, words: list[str], checkpoints: tuple[int, ...] = CHECKPOINTS,
         fill_batch: int | None = None) -> tuple[int, dict[int, tuple[float, float, float]]]:
    """Write synthetic records up to ``target``; returns (articles stored, per checkpoint the median batch seconds
    and the median seconds of it spent on the summary tables, and the mean batch seconds).

    The sampled batches at each checkpoint hold ``batch`` records; between checkpoints the store is filled in
    writes of ``fill_batch`` records (default ``batch``), which only makes the filling quicker."""
    fill_batch = fill_batch or batch
    stored = store.counts()["articles"]
    medians: dict[int, tuple[float, float, float]] = {}
    pending = [c for c in checkpoints if c >= stored and c <= target]
    times: list[float] = []
    parts: list[float] = []
    t_report = time.monotonic()
    while stored < target and time.monotonic() < deadline:
        sampling = bool(pending) and stored >= pending[0]
        size = batch if sampling else min(fill_batch, max(batch, (pending[0] if pending else target) - stored))
        n = min(size, target - stored)
        recs = [synthetic(records[(stored + k) % len(records)], stored + k, rng, words) for k in range(n)]
        t0 = time.perf_counter()
        store.write(recs)
        dt = time.perf_counter() - t0
        SORTS.extend((stored + n, table, secs) for table, secs in store.last_clustered.items())
        if sampling:
            times.append(dt)
            parts.append(SUMMARY_SECONDS[-1])
            if len(times) >= SAMPLE_BATCHES:
                medians[pending.pop(0)] = (statistics.median(times), statistics.median(parts), statistics.mean(times))
                times, parts = [], []
        stored += n
        if time.monotonic() - t_report > 30:
            t_report = time.monotonic()
            print(f"  {stored:,} articles stored; last batch {dt * 1000:.0f} ms", file=sys.stderr, flush=True)
    # the last checkpoint reached without a full sample: measure it now
    if pending and stored >= pending[0] and time.monotonic() < deadline + 600:
        for _ in range(SAMPLE_BATCHES):
            recs = [synthetic(records[(stored + k) % len(records)], stored + k, rng, words) for k in range(batch)]
            t0 = time.perf_counter()
            store.write(recs)
            times.append(time.perf_counter() - t0)
            SORTS.extend((stored + batch, table, secs) for table, secs in store.last_clustered.items())
            parts.append(SUMMARY_SECONDS[-1])
            stored += batch
        medians[pending.pop(0)] = (statistics.median(times), statistics.median(parts), statistics.mean(times))
    return stored, medians


def _reference_queries():  # type: ignore[no-untyped-def]
    """store/queries.py as it stood before the summary tables (the tests' reference copy)."""
    import importlib.util

    path = ROOT / "tests/web/queries_before_summaries.py"
    spec = importlib.util.spec_from_file_location("queries_before_summaries", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


QUERY_CALLS: list[tuple[str, str, dict[str, object]]] = [
    ("list_entities()", "list_entities", {}),
    ("list_entities(label=PERSON)", "list_entities", {"label": "PERSON"}),
    ("list_entities(q=lin)", "list_entities", {"q": "lin"}),
    ("get_entity(Lin Jian)", "get_entity", {"name": "Lin Jian"}),
    ("list_quotes()", "list_quotes", {}),
    ("list_quotes(speaker=Lin Jian)", "list_quotes", {"speaker": "Lin Jian"}),
    ("list_events()", "list_events", {}),
    ("list_events(actor=Russia)", "list_events", {"actor": "Russia"}),
    ("event_stats(by=actor)", "event_stats", {"by": "actor"}),
    ("network()", "network", {}),
    ("actor_profile(Lin Jian)", "actor_profile", {"name": "Lin Jian"}),
    ("place_stats()", "place_stats", {}),
    ("list_articles()", "list_articles", {}),
    ("list_places()", "list_places", {}),
]
_CONFIDENCE_ARG = {"list_entities", "get_entity", "list_events", "event_stats", "network", "actor_profile",
                   "list_articles"}


def _median_ms(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def compare_queries(db: Path) -> list[tuple[str, float, float, float]]:
    """(call, old ms, new ms at min_confidence 0, new ms at the default threshold) for each of QUERY_CALLS."""
    from newsgraph.store import queries

    old = _reference_queries()
    out = []
    with Store(db, read_only=True) as store:
        for label, name, kwargs in QUERY_CALLS:
            args = dict(kwargs)
            pos = [args.pop("name")] if "name" in args else []
            extra = {"min_confidence": 0} if name in _CONFIDENCE_ARG else {}
            t_old = _median_ms(functools.partial(getattr(old, name), store, *pos, **args))
            t_new = _median_ms(functools.partial(getattr(queries, name), store, *pos, **args, **extra))
            t_def = _median_ms(functools.partial(getattr(queries, name), store, *pos, **args))
            out.append((label, t_old, t_new, t_def))
            print(f"  {label}: old {t_old:.0f} ms, new {t_new:.0f} ms, new at the default threshold {t_def:.0f} ms",
                  file=sys.stderr, flush=True)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def routes(store: Store, words: list[str]) -> dict[str, str]:
    aid = store.query("SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 1000")[1] or store.query(
        "SELECT id FROM articles LIMIT 1")[1]
    article = urllib.parse.quote(aid[0][0], safe="")
    word = words[3]
    return {
        "GET /api/articles": "/api/articles?limit=50",
        "GET /api/articles?q= (title/body search)": f"/api/articles?q={word}",
        "GET /api/articles?q= (common word)": "/api/articles?q=minister",
        "GET /api/articles?source=": "/api/articles?source=source-007",
        "GET /api/articles/{id}": f"/api/articles/{article}",
        "GET /api/entities": "/api/entities",
        "GET /api/entities/{name}": "/api/entities/Lin%20Jian",
        "GET /api/quotes": "/api/quotes",
        "GET /api/quotes?speaker=": "/api/quotes?speaker=Lin%20Jian",
        "GET /api/events": "/api/events",
        "GET /api/events?actor=": "/api/events?actor=Russia",
        "GET /api/stats/events": "/api/stats/events",
        "GET /api/network": "/api/network",
        "GET /api/places": "/api/places?name=Kyiv",
        "GET /api/stats/places": "/api/stats/places",
        "GET /api/facets": "/api/facets",
        "GET /api/alerts": "/api/alerts",
        "page /": "/",
        "page /?q=": f"/?q={word}",
        "page /articles/{id}": f"/articles/{article}",
        "page /entities": "/entities",
        "page /entities/{name}": "/entities/Lin%20Jian",
        "page /events": "/events",
        "page /quotes": "/quotes",
        "page /places": "/places",
        "page /alerts": "/alerts",
    }


def varied(store: Store, words: list[str], requests: int) -> dict[str, list[str]]:
    """Per route, ``requests`` different URLs of the same kind (other actors, speakers, articles, words, pages):
    with the answer cache on, each timed request is then a first request, as for users who do not all ask for
    the same page. Routes with no argument to vary are left out (they are the same URL every time)."""
    n = requests
    actors = [r[0] for r in store.query(
        "SELECT name FROM actor_totals WHERE network_articles > 0 ORDER BY articles DESC, name LIMIT ?", [n])[1]]
    speakers = [r[0] for r in store.query(
        "SELECT name FROM quote_speakers WHERE is_entity GROUP BY name ORDER BY count(*) DESC, name LIMIT ?",
        [n])[1]]
    ids = [r[0] for r in store.query(f"SELECT id FROM articles USING SAMPLE {int(n)} ROWS (reservoir, 7)")[1]]

    def q(v: str) -> str:
        return urllib.parse.quote(v, safe="")

    return {
        "GET /api/articles": [f"/api/articles?limit=50&offset={50 * (k + 1)}" for k in range(n)],
        "GET /api/articles?q= (title/body search)": [f"/api/articles?q={words[10 + k]}" for k in range(n)],
        "GET /api/articles?source=": [f"/api/articles?source=source-{k + 10:03d}" for k in range(n)],
        "GET /api/articles/{id}": [f"/api/articles/{q(i)}" for i in ids],
        "GET /api/entities/{name}": [f"/api/entities/{q(a)}" for a in actors],
        "GET /api/quotes?speaker=": [f"/api/quotes?speaker={q(a)}" for a in speakers],
        "GET /api/events": [f"/api/events?offset={50 * (k + 1)}" for k in range(n)],
        "GET /api/events?actor=": [f"/api/events?actor={q(a)}" for a in actors],
        "GET /api/network": [f"/api/network?date_from=2024-{k % 12 + 1:02d}-01" for k in range(n)],
        "page /articles/{id}": [f"/articles/{q(i)}" for i in ids],
        "page /entities/{name}": [f"/entities/{q(a)}" for a in actors],
    }


def load_test(db: Path, paths: dict[str, str], clients: int, requests: int, cache: bool = True,
              variants: dict[str, list[str]] | None = None) -> dict[str, tuple[float, float, int]]:
    """p50, p95 and errors per route; with ``variants``, those routes' timed requests each ask another URL.

    The server is ``newsgraph serve`` in a process of its own, as users run it (setting ``answer_cache`` from the
    environment): clients in this process do not share its interpreter. Until session 13 it ran in a thread of
    this process, and the 16 client threads held the server's GIL too (at 261,000 articles under the same load:
    16 requests/s in one process, 33-37 with the server in its own)."""
    variants = variants or {}
    port = _free_port()
    env = {**os.environ, "NEWSGRAPH_ANSWER_CACHE": "true" if cache else "false",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        return _hammer(f"http://127.0.0.1:{port}", server, paths, clients, requests, variants)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _hammer(base: str, server: subprocess.Popen[bytes], paths: dict[str, str], clients: int, requests: int,
            variants: dict[str, list[str]]) -> dict[str, tuple[float, float, int]]:
    """Warm up every route once, then ``clients`` closed-loop threads ask each route ``requests`` times."""
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/api/facets", timeout=30).read()
            break
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"newsgraph serve exited: {server.stderr.read().decode() if server.stderr else ''}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    for path in paths.values():  # warm-up: one of each
        urllib.request.urlopen(base + path, timeout=300).read()
    jobs = [(name, k) for name in paths for k in range(requests)]
    random.Random(1).shuffle(jobs)
    lock = threading.Lock()
    times: dict[str, list[float]] = {name: [] for name in paths}
    errors: dict[str, int] = {name: 0 for name in paths}

    def client() -> None:
        while True:
            with lock:
                if not jobs:
                    return
                name, k = jobs.pop()
            urls = variants.get(name)
            path = urls[k % len(urls)] if urls else paths[name]
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(base + path, timeout=300) as r:
                    r.read()
                    ok = r.status == 200
            except OSError:
                ok = False
            dt = time.perf_counter() - t0
            with lock:
                times[name].append(dt)
                errors[name] += 0 if ok else 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out = {}
    for name, ts in times.items():
        ts.sort()
        out[name] = (statistics.median(ts), ts[min(len(ts) - 1, int(0.95 * len(ts)))], errors[name])
    return out


def route_cpu(db: Path, paths: dict[str, str], requests: int, cache: bool = False,
              variants: dict[str, list[str]] | None = None) -> dict[str, tuple[float, float]]:
    """CPU ms per request of each route, one request at a time in this process (median, mean of ``requests``),
    after a warm-up pass over every URL.

    ``time.process_time`` counts every thread of the process, DuckDB's included, so the figure is what a request
    costs the machine whatever else runs beside it: on a shared machine it says more than the wall clock. With
    ``clients`` closed-loop clients on ``cores`` cores each request waits behind the others, so a route's latency
    under load is about clients / cores times the mean CPU of all routes (the load test measures it)."""
    from starlette.testclient import TestClient

    from newsgraph.api import create_app

    variants = variants or {}
    out = {}
    with TestClient(create_app(db, cache=cache)) as client:
        for name, path in paths.items():  # warm-up: every URL once, so each route finds the blocks it reads
            for url in variants.get(name) or [path]:  # in DuckDB's buffer pool, as a server that has run a while
                client.get(url)
        for name, path in paths.items():
            urls = variants.get(name) or [path]
            cpu = []
            for k in range(requests):
                t0 = time.process_time()
                r = client.get(urls[k % len(urls)])
                cpu.append(time.process_time() - t0)
                if r.status_code != 200:
                    raise SystemExit(f"{name}: HTTP {r.status_code} for {urls[k % len(urls)]}")
            out[name] = (statistics.median(cpu), statistics.fmean(cpu))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1_000_000, help="articles to reach (default 1,000,000)")
    ap.add_argument("--db", type=Path, help="database file (default: a temporary one); an existing one is extended")
    ap.add_argument("--minutes", type=float, default=60.0, help="stop filling after this long")
    ap.add_argument("--batch", type=int, default=32, help="records per write (the ingest batch size)")
    ap.add_argument("--fill-batch", type=int, help="records per write between the sampled checkpoints (default --batch)")
    ap.add_argument("--clients", type=int, default=16, help="concurrent HTTP clients")
    ap.add_argument("--requests", type=int, default=8, help="requests per route")
    ap.add_argument("--samples", type=int, default=20,
                    help="batches timed at each checkpoint (enough to include the WAL checkpoints: about 1 in 15 to 30)")
    ap.add_argument("--words", type=int, default=20_000, help="made-up search words")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON object too")
    ap.add_argument("--records", type=Path, help="JSONL cache of the analysed sample records (written if absent)")
    ap.add_argument("--checkpoints", default=",".join(map(str, CHECKPOINTS)),
                    help="stored-article counts at which the batch write time is sampled")
    ap.add_argument("--compare-at", default="", help="article counts at which old and new queries are timed")
    ap.add_argument("--no-load", action="store_true", help="skip the HTTP load test")
    ap.add_argument("--cpu", action="store_true",
                    help="instead of the load test, the CPU ms of each route, one request at a time (route_cpu)")
    ap.add_argument("--cache", choices=("on", "off", "both"), default="both",
                    help="the app's answer cache (store/cache.py) in the load test: on, off, or both (off first)")
    ap.add_argument("--vary", action="store_true",
                    help="routes with an argument (actor, speaker, article, word, page) ask another URL each request")
    ap.add_argument("--no-claims", action="store_true",
                    help="store no claims (their extraction and grouping grows with the store: measured apart)")
    args = ap.parse_args()
    global SAMPLE_BATCHES
    SAMPLE_BATCHES = args.samples
    if args.no_claims:
        from newsgraph.store.claims import tables as claim_tables

        claim_tables.write_claims = lambda con, records: 0  # type: ignore[assignment,misc]
    checkpoints = tuple(int(c) for c in args.checkpoints.split(",") if c)
    compare_at = sorted(int(c) for c in args.compare_at.split(",") if c)

    rng = random.Random(7)
    words = vocabulary(args.words, rng)
    db = args.db or Path(tempfile.mkdtemp(prefix="ng-scale-")) / "scale.duckdb"
    t0 = time.perf_counter()
    records = sample_records(args.records)
    print(f"sample analysed: {len(records)} records in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    compared: dict[int, list[tuple[str, float, float, float]]] = {}
    medians: dict[int, tuple[float, float, float]] = {}
    deadline = time.monotonic() + 60 * args.minutes
    fill_s = 0.0
    for target in [*[c for c in compare_at if c < args.articles], args.articles]:
        with Store(db) as store:
            t0 = time.perf_counter()
            stored, got = fill(store, records, target, args.batch, deadline, rng, words, checkpoints,
                               args.fill_batch)
            medians.update(got)
            fill_s += time.perf_counter() - t0
            store.con.execute("CHECKPOINT")
            paths = routes(store, words)
            variants = varied(store, words, args.requests) if args.vary else None
        if target in compare_at:
            print(f"comparing queries at {stored:,} articles", file=sys.stderr, flush=True)
            compared[stored] = compare_queries(db)
    size = os.path.getsize(db)
    print(f"\narticles: {stored:,} (asked {args.articles:,}); filled in {fill_s:.0f} s; file {size / 1e9:.2f} GB, "
          f"{size / max(stored, 1) / 1024:.1f} KB per article; load average {os.getloadavg()[0]:.1f}")
    print(f"\n| stored articles | batch write ({args.batch} records), median of {SAMPLE_BATCHES} | of which summary tables "
          "| mean (with the checkpoints) |\n|---|---|---|---|")
    for c, (m, part, mean) in sorted(medians.items()):
        print(f"| {c:,} | {m * 1000:.0f} ms | {part * 1000:.0f} ms | {mean * 1000:.0f} ms |")
    if SORTS:  # included in the write times above when a sampled batch set one off
        top = max(SORTS, key=lambda x: x[2])
        print(f"\nsummary tables sorted again by the writes (store/summaries.py, cluster): {len(SORTS)} times, "
              f"{sum(x[2] for x in SORTS):.0f} s in all; the longest {top[1]}, {top[2]:.1f} s at {top[0]:,} articles")
    for n, rows in compared.items():
        print(f"\n| query ({n:,} articles), median of 3, ms | before | summary tables | at default confidence |"
              "\n|---|---|---|---|")
        for label, t_old, t_new, t_def in rows:
            print(f"| `{label}` | {t_old:,.0f} | {t_new:,.0f} | {t_def:,.0f} |")
    if args.cpu:
        cpu = route_cpu(db, paths, args.requests, cache=args.cache == "on", variants=variants)
        print(f"\n| route, one request at a time, {args.requests} requests ({stored:,} articles) | CPU ms median | mean |"
              "\n|---|---|---|")
        for name, (med, mean) in cpu.items():
            print(f"| `{name}` | {med * 1000:.0f} | {mean * 1000:.0f} |")
        total = statistics.fmean(v[1] for v in cpu.values())
        print(f"\nmean over the routes: {total * 1000:.0f} ms; with {args.clients} clients on {os.cpu_count()} cores a "
              f"request waits about {args.clients / (os.cpu_count() or 1) * total * 1000:.0f} ms")
        return
    if args.no_load:
        return
    modes = {"on": [True], "off": [False], "both": [False, True]}[args.cache]
    lats = {}
    for cache in modes:
        t0 = time.perf_counter()
        lats[cache] = load_test(db, paths, args.clients, args.requests, cache=cache, variants=variants)
        print(f"  load test, cache {'on' if cache else 'off'}: {time.perf_counter() - t0:.0f} s; load average "
              f"{os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    if variants:
        print(f"\nvaried URLs (each timed request another one): {', '.join(variants)}")
    heads = " | ".join(f"cache {'on' if c else 'off'}: p50 ms | p95 ms | errors" for c in modes)
    print(f"\n| route ({args.clients} clients, {args.requests} requests each) | {heads} |\n|---|"
          + "---|---|---|" * len(modes))
    for name in paths:
        cells = " | ".join(f"{lats[c][name][0] * 1000:.0f} | {lats[c][name][1] * 1000:.0f} | {lats[c][name][2]}"
                           for c in modes)
        print(f"| `{name}` | {cells} |")
    if args.json:
        print(json.dumps({"articles": stored, "bytes": size,
                          "batch_ms": {c: m[0] * 1000 for c, m in medians.items()},
                          "routes": {("cache" if c else "no_cache"): {
                              k: {"p50_ms": v[0] * 1000, "p95_ms": v[1] * 1000, "errors": v[2]}
                              for k, v in lats[c].items()} for c in modes}}))


if __name__ == "__main__":
    main()
