"""Benchmark the trainee's pages under gunicorn, on SQLite and on PostgreSQL.

Usage: .venv/bin/python bench/run.py [--db sqlite|postgres|both] [--rounds N] [--seconds S]
                                     [--concurrency C] [--quick]

For each database: a fresh database is migrated and loaded with the demo course, the site is
served by gunicorn (production settings, 2 sync workers, Redis cache) next to a "ceiling" app
(bench/ceiling: the same stack without a database), and each page is loaded by concurrent
clients in short bursts, and quiz submissions are made by concurrent trainees, one per client.
Rounds interleave the pages and the submissions so that drift in the machine's speed hits every
measure alike. See bench/README.md for what each number means.
"""

import argparse
import contextlib
import http.client
import json
import math
import multiprocessing
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from html import unescape as html_unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
PYTHON = sys.executable

HOST = "127.0.0.1"
REDIS_URL = f"redis://{HOST}:6379/15"
POSTGRES_ADMIN_DSN = f"host={HOST} port=5432 user=postgres dbname=postgres"
POSTGRES_DB = "dropin_bench"
WORKERS = 2
TRAINEE_EMAIL = "trainee@example.org"
TRAINEE_PASSWORD = "learn-at-your-pace"

PAGES = ("home", "course", "lesson", "dashboard", "quiz")  # then the quiz submissions and the ceiling
SUBMIT = "quiz submit"
CEILING = "ceiling"
DB_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

# Targets for the lesson page.
TARGET_CEILING_SHARE = 0.10
TARGET_MAX_QUERIES = 12
TARGET_MAX_HTML_KB = 30  # 1 KB = 1000 bytes

REQUEST_TIMEOUT = 15  # seconds, for one request
SERVER_START_TIMEOUT = 60
MANAGE_TIMEOUT = 300


# --- Processes and environment -----------------------------------------------------------------


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the results."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def raise_keyboard_interrupt(signum, frame):
    """Turn SIGTERM into KeyboardInterrupt, so that every cleanup runs as on Ctrl+C."""
    raise KeyboardInterrupt


def base_env(database_url: str, workdir: Path, static_root: Path) -> dict[str, str]:
    """The environment of every Django process: production settings against `database_url`.

    Settings inherited from the caller's shell (DJANGO_*, GUNICORN_*, ...) are dropped, so a
    developer's local configuration cannot leak into the measurement.
    """
    prefixes = ("DJANGO_", "GUNICORN_", "DATABASE_", "REDIS_", "WAGTAIL", "CACHE_KEY_PREFIX", "BENCH_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(prefixes)}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",  # config.settings.production + a temporary STATIC_ROOT
        BENCH_STATIC_ROOT=str(static_root),
        DJANGO_SECRET_KEY="bench-secret",
        DJANGO_SECURE="0",
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        REDIS_URL=REDIS_URL,
        PYTHONUNBUFFERED="1",
    )
    return env


def run_python(env: dict[str, str], *args: str, timeout: float = MANAGE_TIMEOUT) -> str:
    """Run `python ARGS` in the project root; return its stdout, or exit with its output on failure."""
    result = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"`python {' '.join(args)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    for line in result.stderr.splitlines():
        if "warn" in line.lower():
            log(f"  {line.strip()}")
    return result.stdout


def flush_redis() -> None:
    """Empty the benchmark's Redis database, so each run starts with a cold, clean cache."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    finally:
        client.close()


def postgres_admin(sql: str) -> None:
    """Run one statement on the `postgres` maintenance database (autocommit)."""
    with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True, connect_timeout=10) as connection:
        connection.execute(sql)


def create_postgres_database(stack: contextlib.ExitStack) -> str:
    """Create a fresh benchmark database (dropping a leftover one) and return its URL.

    Dropping it again is registered on `stack`, so it happens however the run ends.
    """
    postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
    postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
    stack.callback(drop_postgres_database)
    return f"postgres://postgres@{HOST}:5432/{POSTGRES_DB}"


def drop_postgres_database() -> None:
    """Drop the benchmark database, closing any connection still open to it."""
    try:
        postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
    except psycopg.Error as error:
        log(f"could not drop the database {POSTGRES_DB}: {error}")


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- Gunicorn ----------------------------------------------------------------------------------


def read_cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        # The command name (field 2) may hold spaces: split after its closing parenthesis.
        fields = stat.read().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of the whole line
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def child_pids(parent: int) -> list[int]:
    """The pids of the processes whose parent is `parent`."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        if ppid == parent:
            children.append(int(entry))
    return sorted(children)


@dataclass
class Server:
    """A gunicorn master started by the benchmark, and where to reach it."""

    name: str
    process: subprocess.Popen
    port: int
    log_path: Path

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the master's child processes."""
        return child_pids(self.process.pid)

    def cpu_seconds(self) -> tuple[tuple[int, ...], float]:
        """The worker pids and their total CPU time so far."""
        pids = tuple(self.worker_pids())
        total = 0.0
        for pid in pids:
            with contextlib.suppress(OSError):
                total += read_cpu_seconds(pid)
        return pids, total

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log, to explain a failure."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Stop the master (it stops its workers); kill the master and its workers if it hangs."""
        if self.process.poll() is not None:
            return
        workers = self.worker_pids()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log(f"{self.name}: gunicorn did not stop in 10 s, killing it")
            for pid in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait(timeout=10)


def start_gunicorn(name: str, app: str, env: dict[str, str], workdir: Path, stack: contextlib.ExitStack) -> Server:
    """Serve `app` with the project's gunicorn config and 2 sync workers; wait until both work.

    The master runs in its own session, so a Ctrl+C in the terminal reaches only this script,
    which then stops the server itself (registered on `stack`).
    """
    port = free_port()
    server_env = dict(
        env,
        GUNICORN_WORKERS=str(WORKERS),
        GUNICORN_BIND=f"{HOST}:{port}",
        # config/gunicorn.conf.py cannot turn the access log off (an empty value makes gunicorn
        # refuse to start), so it is written to /dev/null: both servers pay the same small cost.
        GUNICORN_ACCESSLOG="/dev/null",
        # No recycling of workers mid-measurement: a restart would lose its CPU time and add a boot.
        GUNICORN_MAX_REQUESTS="0",
    )
    log_path = workdir / f"gunicorn-{name}.log"
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            # --no-control-socket: do not take over ~/.gunicorn/gunicorn.ctl from another gunicorn.
            [PYTHON, "-m", "gunicorn", app, "-c", "config/gunicorn.conf.py", "--no-control-socket"],
            cwd=ROOT,
            env=server_env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name=name, process=process, port=port, log_path=log_path)
    stack.callback(server.stop)
    wait_until_serving(server)
    return server


def wait_until_serving(server: Server) -> None:
    """Wait until the server has all its workers and answers a request, or fail with its log."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name}: gunicorn exited ({server.process.returncode}):\n{server.log_tail()}")
        if len(server.worker_pids()) == WORKERS:
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _, _ = http_request(server.port, "GET", "/")
                if status < 500:
                    return
        time.sleep(0.2)
    raise SystemExit(f"{server.name}: gunicorn did not serve within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")


# --- HTTP --------------------------------------------------------------------------------------


def http_request(port: int, method: str, path: str, *, headers=None, body=None) -> tuple[int, object, bytes]:
    """One request on a new connection: (status, headers, body)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def update_cookies(jar: dict[str, str], headers) -> None:
    """Store the cookies a response sets."""
    for header in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value


def cookie_header(jar: dict[str, str]) -> str:
    """The Cookie request header for the cookies in `jar`."""
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(port: int, email: str = TRAINEE_EMAIL, password: str = TRAINEE_PASSWORD) -> dict[str, str]:
    """Sign in through the log-in form (as the demo trainee by default); return the cookies.

    GET the log-in page for the CSRF cookie and token, POST the email and password, keep the
    session cookie, then check that the dashboard answers 200 rather than a redirect.
    """
    jar: dict[str, str] = {}
    status, headers, body = http_request(port, "GET", "/accounts/login/")
    update_cookies(jar, headers)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not match or "csrftoken" not in jar:
        raise SystemExit(f"The log-in page did not give a CSRF token (HTTP {status}).")
    form = {"csrfmiddlewaretoken": match.group(1).decode(), "username": email, "password": password}
    status, headers, _ = http_request(
        port,
        "POST",
        "/accounts/login/",
        body=urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)},
    )
    update_cookies(jar, headers)
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"Signing in as {email} failed (HTTP {status}).")
    status, _, _ = http_request(port, "GET", "/my-training/", headers={"Cookie": cookie_header(jar)})
    if status != 200:
        raise SystemExit(f"Signed in as {email}, but the dashboard answered HTTP {status}.")
    return jar


def sign_in_submitter(port: int, email: str, password: str, quiz_path: str) -> tuple[dict[str, str], str]:
    """Sign a submitting trainee in and open the quiz page, as they would before starting it.

    Returns their cookies and the CSRF token of the page's form, which stays valid for the session.
    """
    jar = sign_in(port, email, password)
    status, headers, body = http_request(port, "GET", quiz_path, headers={"Cookie": cookie_header(jar)})
    update_cookies(jar, headers)
    form = read_quiz_form(body)
    if status != 200 or not form.token:
        raise SystemExit(f"The quiz page {quiz_path} gave {email} no form to start the quiz (HTTP {status}).")
    return jar, form.token


@dataclass
class QuizForm:
    """What the quiz page's answer form posts: its action, CSRF token, and one answer per question."""

    action: str
    token: str
    answers: list[tuple[str, str]]


INPUT_TAG = re.compile(rb"<input\b[^>]*>")
FORM_TAG = re.compile(rb"<form\b[^>]*>")
ATTRIBUTE = re.compile(rb'([\w-]+)="([^"]*)"')


def read_quiz_form(html: bytes) -> QuizForm:
    """Read the quiz page as a browser would: the answer form's action (the attempt's submit URL,
    empty when no attempt is open), the CSRF token, and the first choice of every question
    (inputs named `q-<question id>`). The page holds no correct answers, so any choice will do."""
    action = ""
    for tag in FORM_TAG.findall(html):
        attributes = dict(ATTRIBUTE.findall(tag))
        if b"data-quiz-form" in tag and b"action" in attributes:
            action = attributes[b"action"].decode()
    token, answers = "", {}
    for tag in INPUT_TAG.findall(html):
        attributes = {name.decode(): value.decode() for name, value in ATTRIBUTE.findall(tag)}
        name = attributes.get("name", "")
        if name == "csrfmiddlewaretoken":
            token = token or attributes.get("value", "")
        elif name.startswith("q-") and b" disabled" not in tag:
            answers.setdefault(name, attributes.get("value", ""))
    return QuizForm(action=html_unescape(action), token=token, answers=list(answers.items()))


# --- Load generation ---------------------------------------------------------------------------


def init_client_process() -> None:
    """Client processes leave Ctrl+C to the main process, which stops them with SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def client_burst(port: int, path: str, cookie: str, start_at: float, deadline: float) -> dict:
    """One client: GET `path` back to back from `start_at` until `deadline` (time.monotonic).

    Runs in a client process. gunicorn's sync workers close the connection after each
    response, so http.client reconnects for each request; the latency includes that connect.
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    headers = {"Cookie": cookie} if cookie else {}
    latencies, statuses, size, errors = [], Counter(), 0, 0
    time.sleep(max(0.0, start_at - time.monotonic()))
    started_at = time.monotonic()
    cpu_start = time.process_time()
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            continue
        statuses[response.status] += 1
        if response.status == 200:
            latencies.append((time.perf_counter() - started) * 1000)
            size = len(body)
        else:
            errors += 1
    connection.close()
    return {
        "latencies_ms": latencies,
        "errors": errors,
        "statuses": dict(statuses),
        "bytes": size,
        "started_at": started_at,
        "ended_at": time.monotonic(),
        "client_cpu_s": time.process_time() - cpu_start,
    }


class CycleFailed(Exception):
    """A step of a quiz submission answered something unexpected; the message says which."""


def submit_cycle(port: int, start_path: str, jar: dict[str, str], token: str, statuses: Counter) -> tuple[float, str]:
    """One quiz submission, as a trainee makes it; return the submit's latency (ms) and the CSRF token.

    POST the quiz page's start form (a new attempt, or the open one), GET the quiz page it
    redirects to, read its answer form, POST the first choice of every question to the form's
    action (timed), then GET the result page the submit redirects to. Each step counts its
    HTTP status in `statuses` as "<step> <status>".
    """

    def request(step: str, method: str, path: str, expected: int, form=None) -> tuple[object, bytes]:
        headers = {"Cookie": cookie_header(jar)}
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, body = http_request(
            port, method, path, headers=headers, body=urlencode(form) if form is not None else None
        )
        update_cookies(jar, response_headers)
        statuses[f"{step} {status}"] += 1
        if status != expected:
            raise CycleFailed(f"{step} {status}")
        return response_headers, body

    headers, _ = request("start", "POST", start_path, 302, form={"csrfmiddlewaretoken": token})
    _, page = request("page", "GET", urlsplit(headers["Location"]).path, 200)
    form = read_quiz_form(page)
    if not form.action or not form.answers:
        statuses["page without an answer form"] += 1
        raise CycleFailed("no answer form")
    started = time.perf_counter()
    headers, _ = request("submit", "POST", form.action, 302, form=[("csrfmiddlewaretoken", form.token), *form.answers])
    latency_ms = (time.perf_counter() - started) * 1000
    request("result", "GET", urlsplit(headers["Location"]).path, 200)
    return latency_ms, form.token


def client_submit_loop(port: int, start_path: str, jar: dict, token: str, start_at: float, deadline: float) -> dict:
    """One client, signed in as its own trainee: submit the quiz again and again from `start_at`
    until `deadline`. Runs in a client process; reports like `client_burst`, where a latency is
    one submit request's and `bytes` is 0 (the submit answers with a redirect)."""
    latencies, statuses, errors = [], Counter(), 0
    time.sleep(max(0.0, start_at - time.monotonic()))
    started_at = time.monotonic()
    cpu_start = time.process_time()
    while time.monotonic() < deadline:
        try:
            latency_ms, token = submit_cycle(port, start_path, jar, token, statuses)
        except (OSError, http.client.HTTPException, CycleFailed):
            # The next start returns the attempt left open, so the loop carries on from there.
            errors += 1
            continue
        latencies.append(latency_ms)
    return {
        "latencies_ms": latencies,
        "errors": errors,
        "statuses": dict(statuses),
        "bytes": 0,
        "started_at": started_at,
        "ended_at": time.monotonic(),
        "client_cpu_s": time.process_time() - cpu_start,
    }


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


@dataclass
class Target:
    """What one burst loads: a page (every client GETs `path` with the same `cookie`), or quiz
    submissions (`path` is the quiz's start URL; `sessions` holds one trainee's cookies and CSRF
    token per client)."""

    name: str
    server: Server
    path: str
    cookie: str = ""
    sessions: tuple[tuple[dict, str], ...] = ()

    @property
    def submits(self) -> bool:
        """Whether the burst submits quizzes rather than loading a page."""
        return bool(self.sessions)


def burst(pool, target: Target, seconds: float, concurrency: int) -> dict:
    """Load one page, or submit the quiz, with `concurrency` clients for `seconds`; measure
    throughput, latency and the server's CPU.

    For submissions, `requests` counts submissions (each is 4 HTTP requests: start, quiz page,
    submit, result), latency is the submit request's, and the CPU is per whole submission.
    """
    pids_before, cpu_before = target.server.cpu_seconds()
    start_at = time.monotonic() + 0.05  # let every client process be ready before the start
    deadline = start_at + seconds
    port = target.server.port
    if target.submits:
        jobs = [(port, target.path, jar, token, start_at, deadline) for jar, token in target.sessions[:concurrency]]
        pending = pool.starmap_async(client_submit_loop, jobs)
    else:
        pending = pool.starmap_async(
            client_burst, [(port, target.path, target.cookie, start_at, deadline)] * concurrency
        )
    # A submission makes 4 requests after the deadline at most.
    results = pending.get(timeout=seconds + 4 * REQUEST_TIMEOUT + 30)
    pids_after, cpu_after = target.server.cpu_seconds()

    latencies = sorted(latency for result in results for latency in result["latencies_ms"])
    requests = len(latencies)
    # From the first client's start (later than start_at if the machine was slow to dispatch).
    elapsed = max(result["ended_at"] for result in results) - min(result["started_at"] for result in results)
    statuses = Counter()
    for result in results:
        statuses.update(result["statuses"])
    # A worker that restarted during the burst would make the CPU time wrong: leave it out.
    same_workers = pids_before == pids_after
    return {
        "requests": requests,
        "errors": sum(result["errors"] for result in results),
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "seconds": elapsed,
        "rps": requests / elapsed if elapsed > 0 else 0.0,
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
        "cpu_ms_per_req": (cpu_after - cpu_before) * 1000 / requests if requests and same_workers else None,
        "client_cpu_ms_per_req": sum(r["client_cpu_s"] for r in results) * 1000 / requests if requests else None,
        "html_bytes": None if target.submits else max(result["bytes"] for result in results),
    }


def median_of(rounds: list[dict], key: str) -> float | None:
    """The median of one measure across rounds, ignoring rounds where it is unknown."""
    values = [measure[key] for measure in rounds if measure.get(key) is not None]
    return statistics.median(values) if values else None


# --- One database ------------------------------------------------------------------------------


def prepare_site(kind: str, workdir: Path, static_root: Path, stack: contextlib.ExitStack) -> dict[str, str]:
    """A fresh database, migrated, with the demo course loaded (static files are collected already).

    Returns the environment the site's processes run with.
    """
    dbdir = workdir / kind
    (dbdir / "media").mkdir(parents=True)
    sqlite_url = f"sqlite:///{dbdir / 'db.sqlite3'}"
    database_url = create_postgres_database(stack) if kind == "postgres" else sqlite_url
    env = base_env(database_url, dbdir, static_root)
    flush_redis()

    started = time.monotonic()
    run_python(env, "manage.py", "migrate", "--noinput")
    log(f"{kind}: migrated in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    run_python(env, "manage.py", "load_demo")
    log(f"{kind}: demo course loaded in {time.monotonic() - started:.0f} s")
    return env


def collect_static(workdir: Path, static_root: Path) -> None:
    """Collect the static files once for the whole run: they do not depend on the database."""
    env = base_env(f"sqlite:///{workdir / 'collectstatic.sqlite3'}", workdir, static_root)
    started = time.monotonic()
    run_python(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    log(f"static files collected in {time.monotonic() - started:.0f} s")


def measure_queries(env: dict[str, str], *mode: str) -> dict | list:
    """Run bench/inprocess.py in MODE against the site's database and cache; return its JSON."""
    output = run_python(env, "-m", "bench.inprocess", *mode)
    return json.loads(output.strip().splitlines()[-1])


def page_targets(server: Server, in_process: dict, trainees: dict, args) -> list[Target]:
    """The pages (the demo trainee's, and the quiz page as the quiz-page trainee), then the quiz
    submissions by `--concurrency` trainees, each signed in over HTTP."""
    cookie = cookie_header(sign_in(server.port))
    quiz_cookie = cookie_header(sign_in(server.port, trainees["quiz_page"], trainees["password"]))
    targets = [
        Target(name, server, in_process[name]["path"], quiz_cookie if name == "quiz" else cookie) for name in PAGES
    ]
    submit = in_process[SUBMIT]
    sessions = tuple(
        sign_in_submitter(server.port, email, trainees["password"], submit["quiz_path"])
        for email in trainees["submitters"][: args.concurrency]
    )
    targets.append(Target(SUBMIT, server, submit["start_path"], sessions=sessions))
    return targets


def bench_database(kind: str, args, pool, ceiling: Server, workdir: Path, static_root: Path) -> dict:
    """Prepare, serve and measure the site on one database; return its results."""
    with contextlib.ExitStack() as stack:
        env = prepare_site(kind, workdir, static_root, stack)
        trainees = measure_queries(env, "trainees", str(args.concurrency))
        in_process = measure_queries(env, "pages")
        server = start_gunicorn(kind, "config.wsgi:application", env, workdir, stack)
        targets = page_targets(server, in_process, trainees, args)
        targets.append(Target(CEILING, ceiling, "/"))
        for target in targets:
            log(f"{kind}: {target.name:<11} {target.path}")

        load_average = os.getloadavg()[0]
        log(f"{kind}: warming up ({args.warmup:g} s per page)")
        for target in targets:
            warm = burst(pool, target, args.warmup, args.concurrency)
            if warm["errors"] or not warm["requests"]:
                raise SystemExit(f"{kind}: {target.name} failed during warm-up: HTTP statuses {warm['statuses']}")

        rounds: dict[str, list[dict]] = {target.name: [] for target in targets}
        for number in range(args.rounds):
            # Each round starts one page further on, so no page always follows the same one.
            shift = number % len(targets)
            for target in targets[shift:] + targets[:shift]:
                rounds[target.name].append(burst(pool, target, args.seconds, args.concurrency))
            for target in targets:
                # A submission is 4 requests, not a page: it has no share of the ceiling.
                ratio = (
                    None if target.submits else rounds[target.name][-1]["rps"] / max(rounds[CEILING][-1]["rps"], 1e-9)
                )
                rounds[target.name][-1]["share_of_ceiling"] = ratio
            log(f"{kind}: round {number + 1}/{args.rounds} done")

        server.stop()
        sweep = measure_queries(env, "sweep")
    result = summarise(kind, targets, rounds, in_process, sweep)
    result["load_average_before"] = load_average
    result["quiz_submit"] = {
        "quiz_path": in_process[SUBMIT]["quiz_path"],
        "quiz_kind": in_process[SUBMIT]["quiz_kind"],
        "trainees": trainees["submitters"][: args.concurrency],
        "quiz_page_trainee": trainees["quiz_page"],
    }
    return result


def summarise(kind: str, targets: list[Target], rounds: dict, in_process: dict, sweep: list) -> dict:
    """Medians across rounds per page, plus the query counts and the targets."""
    pages = {}
    for target in targets:
        measures = rounds[target.name]
        queries = in_process.get(target.name, {})
        pages[target.name] = {
            "path": target.path,
            "rps": median_of(measures, "rps"),
            "p50_ms": median_of(measures, "p50_ms"),
            "p99_ms": median_of(measures, "p99_ms"),
            "cpu_ms_per_req": median_of(measures, "cpu_ms_per_req"),
            "client_cpu_ms_per_req": median_of(measures, "client_cpu_ms_per_req"),
            "share_of_ceiling": median_of(measures, "share_of_ceiling"),
            "html_bytes": None if target.submits else max(measure["html_bytes"] for measure in measures),
            "sql_queries": queries.get("queries", 0),  # the ceiling has no database
            "sql": queries.get("sql", []),
            "requests": sum(measure["requests"] for measure in measures),
            "errors": sum(measure["errors"] for measure in measures),
            "rounds": measures,
        }
    lesson = pages["lesson"]
    targets_met = [
        {
            "target": f"lesson page >= {TARGET_CEILING_SHARE:.0%} of the ceiling's req/s",
            "value": f"{lesson['share_of_ceiling']:.1%}",
            "met": lesson["share_of_ceiling"] >= TARGET_CEILING_SHARE,
        },
        {
            "target": f"lesson page <= {TARGET_MAX_QUERIES} SQL queries",
            "value": str(lesson["sql_queries"]),
            "met": lesson["sql_queries"] <= TARGET_MAX_QUERIES,
        },
        {
            "target": f"lesson page HTML < {TARGET_MAX_HTML_KB} KB",
            "value": f"{lesson['html_bytes'] / 1000:.1f} KB",
            "met": lesson["html_bytes"] < TARGET_MAX_HTML_KB * 1000,
        },
    ]
    return {"database": kind, "pages": pages, "targets": targets_met, "lesson_sweep": sweep}


# --- Report ------------------------------------------------------------------------------------


def fmt(value, spec: str) -> str:
    """Format a number, or '-' when it is unknown."""
    return "-" if value is None else format(value, spec)


def print_report(result: dict, args) -> None:
    """Print one database's table, the targets, and notes that help read them."""
    kind = result["database"]
    print()
    print(
        f"{DB_LABELS[kind]}: gunicorn {WORKERS} sync workers, {args.concurrency} clients, "
        f"{args.rounds} round(s) x {args.seconds:g} s per page, medians across rounds"
    )
    header = ("page", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "SQL queries", "HTML KB", "% of ceiling")
    rows = []
    for name, page in result["pages"].items():
        submits = name == SUBMIT  # req/s: submissions/s; p50, p99: the submit request; CPU: in the notes
        rows.append(
            (
                name,
                fmt(page["rps"], ".1f" if submits else ".0f"),
                fmt(page["p50_ms"], ".1f"),
                fmt(page["p99_ms"], ".1f"),
                fmt(None if submits else page["cpu_ms_per_req"], ".2f"),
                str(page["sql_queries"]),
                fmt(page["html_bytes"] / 1000 if page["html_bytes"] is not None else None, ".1f"),
                fmt(page["share_of_ceiling"] * 100 if page["share_of_ceiling"] is not None else None, ".1f"),
            )
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * width for width in widths], *rows]:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        print("  ".join(cells))

    print("Targets:")
    for target in result["targets"]:
        print(f"  [{'MET' if target['met'] else 'NOT MET'}] {target['target']}: {target['value']}")

    notes = [f"{os.cpu_count()} CPUs, 1-minute load average {result['load_average_before']:.2f} before the runs"]
    errors = {name: page["errors"] for name, page in result["pages"].items() if page["errors"]}
    if errors:
        notes.append(f"failed requests (not counted above): {errors}")
    client_cpu = result["pages"][CEILING]["client_cpu_ms_per_req"]
    notes.append(f"client CPU per request: {fmt(client_cpu, '.2f')} ms on the ceiling (same machine)")
    lesson_cpu, ceiling_cpu = result["pages"]["lesson"]["cpu_ms_per_req"], result["pages"][CEILING]["cpu_ms_per_req"]
    if lesson_cpu and ceiling_cpu:
        notes.append(
            f"by server CPU per request, the lesson page costs {lesson_cpu / ceiling_cpu:.0f}x the ceiling "
            f"({ceiling_cpu / lesson_cpu:.1%}; steadier than req/s when the machine is busy)"
        )
    submit, quiz = result["pages"][SUBMIT], result["quiz_submit"]
    notes.append(
        f"quiz submit: {len(quiz['trainees'])} trainees at once, one per client, on the {quiz['quiz_kind']} quiz "
        f"{quiz['quiz_path']}"
    )
    notes.append(
        "quiz submit: req/s is submissions/s, each one start, quiz page, submit and result; p50 and p99 time the "
        f"submit alone; server CPU per whole submission (4 requests): {fmt(submit['cpu_ms_per_req'], '.1f')} ms"
    )
    sweep = result["lesson_sweep"]
    if sweep:
        queries = [lesson["queries"] for lesson in sweep]
        sizes = [lesson["bytes"] / 1000 for lesson in sweep]
        notes.append(
            f"all {len(sweep)} lessons: {min(queries)}-{max(queries)} SQL queries, "
            f"{min(sizes):.1f}-{max(sizes):.1f} KB of HTML"
        )
    for note in notes:
        print(f"  note: {note}")


def write_json(results: list[dict], args, started: datetime) -> Path:
    """Save all results, with the settings of the run and the machine, in bench/results/."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{started.strftime('%Y%m%d-%H%M%S')}.json"
    document = {
        "started_at": started.isoformat(timespec="seconds"),
        "settings": {
            "rounds": args.rounds,
            "seconds": args.seconds,
            "warmup_seconds": args.warmup,
            "concurrency": args.concurrency,
            "gunicorn_workers": WORKERS,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "targets": {
            "lesson_share_of_ceiling": TARGET_CEILING_SHARE,
            "lesson_max_sql_queries": TARGET_MAX_QUERIES,
            "lesson_max_html_kb": TARGET_MAX_HTML_KB,
        },
        "databases": {result["database"]: result for result in results},
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path


# --- Main --------------------------------------------------------------------------------------


def add_burst_arguments(parser: argparse.ArgumentParser, *, concurrency: int) -> None:
    """--db, --rounds, --seconds, --concurrency and --quick, shared by the benchmarks."""
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both", help="default: both")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one burst (default 3)")
    parser.add_argument(
        "--concurrency", type=int, default=concurrency, help=f"concurrent client processes (default {concurrency})"
    )
    parser.add_argument("--quick", action="store_true", help="1 round of 1 s bursts: a smoke test")


def burst_arguments_problem(args) -> str:
    """Apply --quick; what is wrong with the burst arguments, or ''."""
    if args.quick:
        args.rounds, args.seconds = 1, 1.0
    if args.rounds < 1 or not 0 < args.seconds <= 60 or not 1 <= args.concurrency <= 64:
        return "need --rounds >= 1, 0 < --seconds <= 60 and 1 <= --concurrency <= 64"
    return ""


def parse_args(argv=None):
    """The command line; --quick overrides --rounds and --seconds for a smoke test."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_burst_arguments(parser, concurrency=4)
    args = parser.parse_args(argv)
    if problem := burst_arguments_problem(args):
        parser.error(problem)
    args.warmup = min(1.0, args.seconds)
    return args


def main(argv=None) -> int:
    """Run the benchmark on the chosen databases; print the tables and save the JSON."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, raise_keyboard_interrupt)
    started = datetime.now()
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = []
    with contextlib.ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="dropin-bench-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        static_root = workdir / "static"
        # Client processes are forked before any server or connection exists, and reused.
        pool = multiprocessing.get_context("fork").Pool(args.concurrency, initializer=init_client_process)
        stack.callback(pool.join)
        stack.callback(pool.terminate)

        collect_static(workdir, static_root)
        ceiling_env = dict(
            base_env("sqlite:///unused", workdir, static_root), DJANGO_SETTINGS_MODULE="bench.ceiling.settings"
        )
        ceiling = start_gunicorn(CEILING, "bench.ceiling.wsgi:application", ceiling_env, workdir, stack)
        for kind in kinds:
            log(f"=== {DB_LABELS[kind]} ===")
            results.append(bench_database(kind, args, pool, ceiling, workdir, static_root))
            print_report(results[-1], args)
    path = write_json(results, args, started)
    print(f"\nResults saved to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted; cleaned up")
        sys.exit(130)
