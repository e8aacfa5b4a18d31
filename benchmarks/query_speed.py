"""Query speed: 10 million synthetic events in DuckDB, actor-by-month and type-by-country aggregates.

    python benchmarks/query_speed.py [--rows 10000000] [--db FILE] [--threads N]

The events are generated in SQL (no Python loop): a GDELT-like flat event table with the event date and its
month (stored, as GDELT stores MonthYear: grouping on a stored DATE beats date_trunc per row), PLOVER type, source actor code (country + sector, skewed like real coverage: a few countries dominate), the event's
country, and the story and report counts of de-duplication. Each query runs 3 times after one warm-up; the
best time is printed. Layouts compared:

- ``random``: rows in generation order, VARCHAR columns (what a stream of ingests produces);
- ``sorted``: the same rows sorted by (date, type), so each row group covers a short date range and DuckDB's
  zone maps skip the rest for date filters;
- ``sorted+enum``: sorted by (month, actor), with ENUM types for type, country and actor: grouping works on
  small integers, each actor-month group is contiguous, and month filters still skip row groups.

Times are wall-clock seconds (best of 3); ``cpu s`` is the process CPU time of the slowest query, which on a
busy shared machine says more than the wall clock. The load average is printed with the table.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb

PLOVER = ["AGREE", "ASSAULT", "AID", "ACCUSE", "CONSULT", "COERCE", "CONCEDE", "DEMAND", "MOBILIZE", "PROTEST",
          "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN", "COOPERATE", "DISAPPROVE"]
SECTORS = ["GOV", "MIL", "CVL", "BUS", "MED", "REB", "OPP", "JUD", "POL", "EDU", "REL", "IGO"]
N_COUNTRIES = 200

GENERATE = """
CREATE OR REPLACE TABLE events_random AS
WITH g AS (
  SELECT i,
         hash(i) AS h1, hash(i + 1000000007) AS h2, hash(i + 2000000011) AS h3
  FROM range({rows}) t(i)
)
SELECT i AS event_id,
       'story-' || (h3 % {stories})::VARCHAR AS story_id,
       DATE '2016-01-01' + CAST(h1 % 3653 AS INTEGER) AS date,
       CAST(date_trunc('month', DATE '2016-01-01' + CAST(h1 % 3653 AS INTEGER)) AS DATE) AS month,
       list_extract($types, 1 + CAST(h2 % {n_types} AS INTEGER)) AS type,
       -- skewed: country k with probability ~ (1/(k+1)); the square of a uniform draw does that roughly
       list_extract($countries, 1 + CAST(floor({n_c} * pow((h2 >> 20) % 1000003 / 1000003.0, 2)) AS INTEGER))
         || list_extract($sectors, 1 + CAST((h1 >> 24) % {n_s} AS INTEGER)) AS actor,
       list_extract($countries, 1 + CAST(floor({n_c} * pow((h3 >> 16) % 1000003 / 1000003.0, 2)) AS INTEGER))
         AS country,
       1 + CAST(floor(pow((h1 >> 40) % 1000 / 1000.0, 6) * 300) AS INTEGER) AS reports,
       1 + CAST(floor(pow((h2 >> 40) % 1000 / 1000.0, 6) * 120) AS INTEGER) AS sources
FROM g
"""

QUERIES = {
    "actor by month": "SELECT actor, month, count(*) AS events, sum(reports) AS reports FROM {t} GROUP BY ALL",
    "type by country": "SELECT country, type, count(*) AS events, sum(reports) AS reports FROM {t} GROUP BY ALL",
    "one actor by month": "SELECT month, count(*) FROM {t} WHERE actor = 'USAGOV' GROUP BY ALL",
    "type by country, 2024": "SELECT country, type, count(*) FROM {t} "
                             "WHERE date BETWEEN DATE '2024-01-01' AND DATE '2024-12-31' GROUP BY ALL",
}


def countries() -> list[str]:
    """Three-letter codes: a few dozen real ISO 3166 alpha-3 ones first (the most covered), then synthetic."""
    real = ["USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "IND", "PAK", "TUR", "SYR",
            "IRQ", "AFG", "JPN", "KOR", "PRK", "BRA", "MEX", "CAN", "AUS", "NGA", "ZAF", "EGY", "SAU", "YEM",
            "SDN", "ETH", "KEN", "VEN", "COL", "ARG", "POL", "ITA", "ESP", "TWN", "PHL", "IDN"]
    synthetic = [a + b + c for a in "QXZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for c in "ABCDEFGHIJ"]
    return (real + synthetic)[:N_COUNTRIES]


def timed(con: duckdb.DuckDBPyConnection, sql: str, repeat: int = 3) -> tuple[float, int, float]:
    """(best wall seconds, result rows, CPU seconds of that run)."""
    con.sql(sql).to_arrow_table()  # warm-up
    best, cpu, n = float("inf"), 0.0, 0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        n = con.sql(sql).to_arrow_table().num_rows
        wall = time.perf_counter() - t
        if wall < best:
            best, cpu = wall, time.process_time() - c
    return best, n, cpu


def build(con: duckdb.DuckDBPyConnection, rows: int) -> dict[str, float]:
    cs = countries()
    params = {"types": PLOVER, "countries": cs, "sectors": SECTORS}
    took = {}
    t = time.perf_counter()
    con.execute(GENERATE.format(rows=rows, stories=max(rows // 3, 1), n_types=len(PLOVER), n_c=len(cs),
                                n_s=len(SECTORS)), params)
    took["random"] = time.perf_counter() - t
    t = time.perf_counter()
    con.execute("CREATE OR REPLACE TABLE events_sorted AS SELECT * FROM events_random ORDER BY date, type")
    took["sorted"] = time.perf_counter() - t
    t = time.perf_counter()
    con.execute("DROP TYPE IF EXISTS plover_t; DROP TYPE IF EXISTS country_t; DROP TYPE IF EXISTS actor_t")
    con.execute(f"CREATE TYPE plover_t AS ENUM ({', '.join(repr(x) for x in PLOVER)})")
    con.execute(f"CREATE TYPE country_t AS ENUM ({', '.join(repr(x) for x in cs)})")
    con.execute("CREATE TYPE actor_t AS ENUM (SELECT DISTINCT actor FROM events_random ORDER BY 1)")
    con.execute(
        "CREATE OR REPLACE TABLE events_enum AS SELECT event_id, story_id, date, month, type::plover_t AS type, "
        "actor::actor_t AS actor, country::country_t AS country, reports, sources FROM events_sorted ORDER BY month, actor"
    )
    took["sorted+enum"] = time.perf_counter() - t
    con.execute("CHECKPOINT")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--db", type=Path, help="database file (default: a temporary file, removed afterwards)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-qs-") as tmp:
        path = args.db or Path(tmp) / "events.duckdb"
        con = duckdb.connect(str(path))
        con.execute(f"SET threads = {args.threads}")
        con.execute("SET preserve_insertion_order = false")
        took = build(con, args.rows)
        con.close()
        con = duckdb.connect(str(path), read_only=True)  # queries from a fresh, read-only connection
        con.execute(f"SET threads = {args.threads}")
        layouts = {"random": "events_random", "sorted": "events_sorted", "sorted+enum": "events_enum"}
        print(f"{args.rows:,} synthetic events, DuckDB {duckdb.__version__}, {args.threads} threads; "
              f"built in {sum(took.values()):.1f} s ({', '.join(f'{k} {v:.1f} s' for k, v in took.items())})")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'query':<24} {'result rows':>11} " + " ".join(f"{k + ' s':>14}" for k in layouts)
              + f" {'enum cpu s':>13}")
        worst: dict[str, float] = {}
        for name, sql in QUERIES.items():
            cells, nrows, cpu = [], 0, 0.0
            for layout, table in layouts.items():
                secs, nrows, cpu = timed(con, sql.format(t=table))
                cells.append(secs)
                worst[layout] = max(worst.get(layout, 0.0), secs)
            print(f"{name:<24} {nrows:>11,} " + " ".join(f"{c:>14.3f}" for c in cells) + f" {cpu:>13.3f}")
        best = min(worst, key=worst.get)  # type: ignore[arg-type]
        print("slowest query per layout: " + ", ".join(f"{k} {v:.3f} s" for k, v in worst.items()))
        print(f"best layout: {best} (every query under 1 s: {'yes' if worst[best] < 1 else 'no'})")
        con.close()


if __name__ == "__main__":
    main()
