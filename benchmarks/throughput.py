"""Throughput: newsgraph's full extraction side by side with plain spaCy ``nlp.pipe`` on the same articles.

    python benchmarks/throughput.py [--corpus samples/articles.jsonl] [--min-words 50000] [--workers 1 2]
    python benchmarks/throughput.py --polnear [PATH] [--ray]     # >= 1,000 real articles, plus a Ray run
    python benchmarks/throughput.py --polnear --limit 60 --min-words 0 --ray   # a quick check of the setup
    python benchmarks/throughput.py --polnear --workers 2 --only newsgraph ray   # Ray against the local engine

``--polnear`` builds the corpus from the bundled sample articles plus PolNeAR's news articles, read from
``../shared/data/polnear`` (or PATH) at run time into a temporary JSONL file, never copied into the repository:
90 + 928 = 1,018 articles. ``--limit N`` keeps N articles, half from each source. ``--ray`` adds a run
of the Ray engine (local Ray on loopback, the highest worker count as actors, one model each) on the same
articles in as many JSONL shards; its clock starts after Ray is up and includes the actors' start and model
loading, as the process pools' clock includes their workers' start-up; its RSS is the peak of each actor process.
``CPU s`` is the CPU time of the run: the process and its pool workers, and for Ray the driver and every Ray
process (actors, raylet, GCS, agents). On a machine shared with other work wall-clock ratios move with the others'
load from one run to the next; articles per CPU second compare the engines' cost whatever the load.

Each configuration runs in its own subprocess, so peak RSS is that run's alone (per worker for pools); the
corpus is streamed from its file, never held whole. The clock covers processing only, after the model is loaded
in the parent; pools include their workers' start-up, for spaCy and newsgraph alike. Both pipelines get the same
``nlp.pipe`` batch size (``--pipe-batch-size``, default the ``pipe_batch_size`` setting). ``--repeat R`` runs R
rounds of all configurations and prints the median time of each: this machine's speed drifts by 10% or more
over minutes, and whole rounds spread a slow spell over every configuration.

newsgraph replaces the matcher of the model's ``attribute_ruler`` with an indexed one giving identical
annotations (``newsgraph.nlp.fast_attributes``), which makes its spaCy part faster than plain spaCy's; the row
``spacy-indexed`` (plain spaCy with only that change) shows the cost of newsgraph's own components apart.
The last line is ``ratio: X`` = newsgraph / plain spaCy articles/s at the highest worker count.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
MODES = ("spacy", "spacy-indexed", "newsgraph", "ray")


def build_polnear_corpus(polnear: Path, out: Path, limit: int | None = None) -> int:
    """samples/articles.jsonl + PolNeAR's articles (text files, date/title/publisher from metadata.tsv) -> out."""
    import csv

    if not (polnear / "data" / "metadata.tsv").is_file():
        raise SystemExit(f"PolNeAR not found at {polnear} (expected data/metadata.tsv); pass --polnear PATH")
    rows = [json.loads(line) for line in (ROOT / "samples/articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    if limit:  # a small check still has both sources: half samples, half PolNeAR
        rows = rows[: limit // 2]
    with open(polnear / "data" / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for meta in csv.DictReader(fh, delimiter="\t"):
            path = polnear / "data" / meta["compartment"] / "text" / f"{meta['filename']}.txt"
            if not path.is_file():
                continue
            rows.append({"id": f"polnear-{meta['filename']}", "title": meta.get("title") or None,
                         "published": meta.get("publication_date") or None, "url": None,
                         "source": f"PolNeAR / {meta.get('publisher')}", "text": path.read_text(encoding="utf-8")})
    rows = rows[:limit] if limit else rows
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def iter_corpus(path: Path, min_words: int, counts: dict[str, int]) -> Iterator[dict]:  # type: ignore[type-arg]
    """The corpus's rows, read as they are used (repeated until ``min_words``); counts articles and words."""
    rep = 0
    while counts["words"] < min_words or not counts["articles"]:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    counts["articles"] += 1
                    counts["words"] += len(r["text"].split())
                    yield {**r, "id": f"{r.get('id', counts['articles'])}#{rep}"}
        rep += 1


def _peak_rss_mb(children: bool) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024.0


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended (pool workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_one(mode: str, workers: int, corpus: Path, min_words: int, batch_size: int,  # type: ignore[type-arg]
            pipe_batch_size: int) -> dict:
    from newsgraph.settings import Settings

    settings = Settings(workers=workers, batch_size=batch_size, pipe_batch_size=pipe_batch_size)
    counts = {"articles": 0, "words": 0}
    rows = iter_corpus(corpus, min_words, counts)  # streamed: no process holds the corpus
    if mode in ("spacy", "spacy-indexed"):
        import spacy

        nlp = spacy.load(settings.model)
        if mode == "spacy-indexed":  # plain spaCy plus the one change newsgraph makes to the model's own pipes
            from newsgraph.nlp.fast_attributes import speed_up

            speed_up(nlp)
        t, cpu = time.perf_counter(), _cpu_s()
        for _ in nlp.pipe((r["text"] for r in rows), batch_size=pipe_batch_size, n_process=workers):
            pass
        secs = time.perf_counter() - t
    elif mode == "ray":
        secs, cpu, rss = _run_ray(list(rows), settings)
        return {"mode": mode, "workers": workers, "seconds": secs, "cpu_seconds": cpu, "peak_rss_mb_per_worker": rss,
                **counts}
    else:
        from newsgraph.batch import chunked, get_pipeline, iter_results
        from newsgraph.ingest import make_article

        articles = (make_article(r["text"], id=r["id"], published=r.get("published")) for r in rows)
        get_pipeline(settings)  # load outside the clock, as for spaCy; forked workers inherit it
        t, cpu = time.perf_counter(), _cpu_s()
        n = 0
        for _batch, results in iter_results(chunked(articles, batch_size), settings):
            n += len(results)
        secs = time.perf_counter() - t
        assert n == counts["articles"]
    cpu = _cpu_s() - cpu
    rss = _peak_rss_mb(children=workers > 1) if workers > 1 else _peak_rss_mb(children=False)
    return {"mode": mode, "workers": workers, "seconds": secs, "cpu_seconds": cpu, "peak_rss_mb_per_worker": rss,
            **counts}


def _ray_processes() -> tuple[float, dict[str, float]]:
    """(largest peak RSS (VmHWM) among the Ray analysis actors, CPU seconds of every Ray process by pid): the
    actors, Ray's own daemons (raylet, GCS, agents) and idle workers (Linux /proc)."""
    best = 0.0
    cpu: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes()
            if not (cmd.startswith(b"ray::") or b"/site-packages/ray/" in cmd):
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cpu[proc.name] = (int(fields[11]) + int(fields[12])) / tick
            if cmd.startswith(b"ray::Analyzer"):
                for line in (proc / "status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        best = max(best, int(line.split()[1]) / 1024.0)
        except (OSError, ValueError, IndexError):
            continue
    return best, cpu


def _run_ray(rows: list[dict], settings) -> tuple[float, float, float]:  # type: ignore[no-untyped-def, type-arg]
    """(seconds, CPU seconds of the driver and every Ray process, peak RSS per actor) of a Ray engine run."""
    import tempfile
    import threading

    from newsgraph.distributed.ray_engine import init_ray, iter_ray_results

    with tempfile.TemporaryDirectory(prefix="newsgraph-ray-bench-") as tmp:
        n = max(settings.workers, 1)
        for k in range(n):
            Path(tmp, f"shard-{k}.jsonl").write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[k::n]), encoding="utf-8")
        init_ray(num_cpus=settings.workers)
        peak = [0.0]
        _, before = _ray_processes()
        last: dict[str, float] = {}  # the latest CPU reading of each Ray process (actors end with the run)
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.25):
                rss, cpu = _ray_processes()
                peak[0] = max(peak[0], rss)
                last.update(cpu)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        t, cpu = time.perf_counter(), _cpu_s()
        got = sum(len(results) for results in iter_ray_results([tmp], settings))
        secs = time.perf_counter() - t
        cpu = _cpu_s() - cpu
        done.set()
        watcher.join()
        last.update(_ray_processes()[1])
        cpu += sum(c - before.get(pid, 0.0) for pid, c in last.items())
        assert got == len(rows), (got, len(rows))
    return secs, cpu, peak[0]


def main() -> None:
    from newsgraph.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "samples/articles.jsonl")
    ap.add_argument("--min-words", type=int, default=50_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=Settings().batch_size, help="articles per worker batch")
    ap.add_argument("--pipe-batch-size", type=int, default=Settings().pipe_batch_size,
                    help="nlp.pipe batch size, the same for plain spaCy and newsgraph")
    ap.add_argument("--polnear", nargs="?", type=Path, const=POLNEAR, default=None, metavar="PATH",
                    help="corpus: the sample articles plus PolNeAR's (default path ../shared/data/polnear)")
    ap.add_argument("--limit", type=int, help="with --polnear: keep only the first N articles")
    ap.add_argument("--ray", action="store_true", help="add a Ray engine run at the highest worker count")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of every configuration; medians are printed")
    ap.add_argument("--only", nargs="+", choices=MODES, metavar="PIPELINE",
                    help=f"run only these pipelines ({', '.join(MODES)}); the ratios that need others are left out")
    ap.add_argument("--run", choices=MODES, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.polnear and not args.run:
        import tempfile

        tmpdir = tempfile.TemporaryDirectory(prefix="newsgraph-corpus-")
        args.corpus = Path(tmpdir.name) / "polnear-plus-samples.jsonl"
        n = build_polnear_corpus(args.polnear, args.corpus, args.limit)
        print(f"built corpus: {n} articles (samples + PolNeAR from {args.polnear}), in a temporary file")
    if args.run:
        (w,) = args.workers
        print(json.dumps(run_one(args.run, w, args.corpus, args.min_words, args.batch_size, args.pipe_batch_size)))
        return
    top = max(args.workers)
    runs = [(w, m) for w in args.workers for m in ("spacy", "newsgraph")]
    runs.append((top, "spacy-indexed"))
    if args.ray or (args.only and "ray" in args.only):
        runs.append((top, "ray"))
    if args.only:
        runs = [(w, m) for w, m in runs if m in args.only]
    seconds: dict[tuple[str, int], list[float]] = {}
    cpus: dict[tuple[str, int], list[float]] = {}
    by: dict[tuple[str, int], dict] = {}  # type: ignore[type-arg]
    for _ in range(args.repeat):  # whole rounds, so that a slow spell of the machine touches every configuration
        for workers, mode in runs:
            cmd = [sys.executable, __file__, "--run", mode, "--workers", str(workers), "--corpus", str(args.corpus),
                   "--min-words", str(args.min_words), "--batch-size", str(args.batch_size),
                   "--pipe-batch-size", str(args.pipe_batch_size)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if out.returncode != 0:
                raise SystemExit(f"{mode} run with {workers} workers failed:\n{out.stderr[-3000:]}")
            r = json.loads(out.stdout.strip().splitlines()[-1])
            seconds.setdefault((mode, workers), []).append(r["seconds"])
            cpus.setdefault((mode, workers), []).append(r["cpu_seconds"])
            old = by.get((mode, workers))
            r["peak_rss_mb_per_worker"] = max(r["peak_rss_mb_per_worker"], old["peak_rss_mb_per_worker"] if old else 0)
            by[(mode, workers)] = r
    for key, r in by.items():
        r["seconds"] = statistics.median(seconds[key])
        r["cpu_seconds"] = statistics.median(cpus[key])
    r0 = by[runs[0][1], runs[0][0]]
    print(f"corpus: {args.corpus.name}, {r0['articles']} articles, {r0['words']:,} words; "
          f"median of {args.repeat} round(s)")
    print(f"{'pipeline':<14} {'workers':>7} {'articles/s':>11} {'words/s':>10} {'peak RSS/worker MB':>19} "
          f"{'CPU s':>7} {'articles/CPU s':>14}")
    for workers, mode in runs:
        r = by[mode, workers]
        print(f"{mode:<14} {workers:>7} {r['articles'] / r['seconds']:>11.1f} "
              f"{r['words'] / r['seconds']:>10,.0f} {r['peak_rss_mb_per_worker']:>19.0f} "
              f"{r['cpu_seconds']:>7.0f} {r['articles'] / r['cpu_seconds']:>14.2f}")
    ng1, ngt = by.get(("newsgraph", 1)), by.get(("newsgraph", top))
    sp1, spt = by.get(("spacy", 1)), by.get(("spacy", top))
    indexed, ray = by.get(("spacy-indexed", top)), by.get(("ray", top))
    if ng1 and ngt and sp1 and spt and top > 1:
        print(f"speedup {top} workers / 1: newsgraph {ng1['seconds'] / ngt['seconds']:.2f}x, "
              f"plain spaCy {sp1['seconds'] / spt['seconds']:.2f}x")
    if indexed and ngt:
        print(f"newsgraph / spaCy with newsgraph's indexed attribute ruler at {top} workers: "
              f"{indexed['seconds'] / ngt['seconds']:.2f} (the cost of newsgraph's own components)")
    if ray and spt:
        print(f"ray engine / plain spaCy at {top} workers: {spt['seconds'] / ray['seconds']:.2f}")
    if ray and ngt:
        print(f"ray engine / local engine at {top} workers: {ngt['seconds'] / ray['seconds']:.2f} articles/s, "
              f"{ngt['cpu_seconds'] / ray['cpu_seconds']:.2f} articles per CPU second, "
              f"{ray['peak_rss_mb_per_worker'] / ngt['peak_rss_mb_per_worker']:.2f} peak RSS per worker")
    if spt and ngt:
        print(f"ratio: {spt['seconds'] / ngt['seconds']:.2f}")


if __name__ == "__main__":
    main()
