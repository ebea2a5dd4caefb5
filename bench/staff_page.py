"""Benchmark the clinic manager's staff page (/manage/, its first page) with 500 staff, 5 assigned courses each.

Usage: .venv/bin/python bench/staff_page.py [--db sqlite|postgres|both] [--staff N] [--rounds N]
                                            [--seconds S] [--concurrency C] [--quick]

For each database, as bench/run.py does: a fresh database, migrated and loaded with the demo; then
`python -m bench.inprocess staff 10 N` adds staff to the demo's Riverside clinic in bulk (each with
the demo course and four small courses assigned, half with a date, and some progress) and measures
the first page's SQL queries, size and people listed in process at 10 staff and at N, and a search
for one person; then gunicorn (production settings, 2 sync workers) serves the first page and
`--concurrency` clients signed in as the Riverside manager load it in `--rounds` bursts. Prints the
medians; saves bench/results/staff-<time>.json. See bench/README.md.
"""

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: `python bench/staff_page.py`
    sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402 - after the path is set

SMALL = 10
# Its own PostgreSQL database and Redis database, so that it may run beside bench/run.py.
run.POSTGRES_DB = "dropin_bench_staff"
run.REDIS_URL = f"redis://{run.HOST}:6379/14"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    run.add_burst_arguments(parser, concurrency=2)
    parser.add_argument("--staff", type=int, default=500, help="staff in the clinic (default 500)")
    args = parser.parse_args(argv)
    if problem := run.burst_arguments_problem(args):
        parser.error(problem)
    if args.staff <= SMALL:
        parser.error(f"need --staff > {SMALL}")
    return args


def bench_database(kind: str, args, pool, workdir: Path, static_root: Path) -> dict:
    with contextlib.ExitStack() as stack:
        env = run.prepare_site(kind, workdir, static_root, stack)
        started = time.monotonic()
        in_process = run.measure_queries(env, "staff", str(SMALL), str(args.staff))
        run.log(f"{kind}: {args.staff} staff added and measured in {time.monotonic() - started:.0f} s")
        server = run.start_gunicorn(kind, "config.wsgi:application", env, workdir, stack)
        cookie = run.cookie_header(run.sign_in(server.port, in_process["email"], in_process["password"]))
        target = run.Target("staff page", server, in_process["path"], cookie)
        warm = run.burst(pool, target, min(1.0, args.seconds), args.concurrency)
        if warm["errors"] or not warm["requests"]:
            raise SystemExit(f"{kind}: the staff page failed during warm-up: HTTP statuses {warm['statuses']}")
        rounds = []
        for number in range(args.rounds):
            rounds.append(run.burst(pool, target, args.seconds, args.concurrency))
            run.log(f"{kind}: round {number + 1}/{args.rounds}: {rounds[-1]['p50_ms']:.0f} ms p50")
        load_average = os.getloadavg()[0]
    return {
        "database": kind,
        "path": in_process["path"],
        "sizes": in_process["sizes"],
        "search": in_process["search"],
        "rps": run.median_of(rounds, "rps"),
        "p50_ms": run.median_of(rounds, "p50_ms"),
        "p99_ms": run.median_of(rounds, "p99_ms"),
        "cpu_ms_per_req": run.median_of(rounds, "cpu_ms_per_req"),
        "html_bytes": max(r["html_bytes"] for r in rounds),
        "errors": sum(r["errors"] for r in rounds),
        "load_average_after": load_average,
        "rounds": rounds,
    }


def print_report(result: dict, args) -> None:
    small, large = result["sizes"][str(SMALL)], result["sizes"][str(args.staff)]
    print()
    print(
        f"{run.DB_LABELS[result['database']]}: the manager's staff page {result['path']}, first page "
        f"({large['people_shown']} people, page 1 of {large['pages']}) of "
        f"{args.staff} staff x 5 assigned courses, gunicorn {run.WORKERS} sync workers, "
        f"{args.concurrency} clients, {args.rounds} round(s) x {args.seconds:g} s, medians"
    )
    print(
        f"  p50 {run.fmt(result['p50_ms'], '.0f')} ms, p99 {run.fmt(result['p99_ms'], '.0f')} ms, "
        f"{run.fmt(result['rps'], '.1f')} req/s, server CPU {run.fmt(result['cpu_ms_per_req'], '.0f')} ms/req, "
        f"HTML {result['html_bytes'] / 1000:.0f} KB"
    )
    same = "the same" if small["queries"] == large["queries"] else "NOT the same"
    print(
        f"  SQL queries: {small['queries']} with {SMALL} staff, {large['queries']} with {args.staff} ({same}); "
        f"HTML {small['bytes'] / 1000:.1f} KB and {large['bytes'] / 1000:.0f} KB"
    )
    search = result["search"]
    print(
        f"  search {search['path']}: {search['people_shown']} person(s) found, {search['queries']} SQL queries, "
        f"HTML {search['bytes'] / 1000:.1f} KB"
    )
    if result["errors"]:
        print(f"  note: {result['errors']} failed requests (not counted)")
    print(f"  note: {os.cpu_count()} CPUs, 1-minute load average {result['load_average_after']:.2f} after the runs")


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, run.raise_keyboard_interrupt)
    started = datetime.now()
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = []
    with contextlib.ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="dropin-bench-staff-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        static_root = workdir / "static"
        pool = multiprocessing.get_context("fork").Pool(args.concurrency, initializer=run.init_client_process)
        stack.callback(pool.join)
        stack.callback(pool.terminate)
        run.collect_static(workdir, static_root)
        for kind in kinds:
            run.log(f"=== {run.DB_LABELS[kind]} ===")
            results.append(bench_database(kind, args, pool, workdir, static_root))
            print_report(results[-1], args)
    run.RESULTS_DIR.mkdir(exist_ok=True)
    path = run.RESULTS_DIR / f"staff-{started.strftime('%Y%m%d-%H%M%S')}.json"
    document = {
        "started_at": started.isoformat(timespec="seconds"),
        "settings": vars(args),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "databases": {result["database"]: result for result in results},
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nResults saved to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        run.log("interrupted; cleaned up")
        sys.exit(130)
