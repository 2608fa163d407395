"""Gunicorn settings for `make serve` (production). Each can be changed through the environment variable
named beside it; `gunicorn --config gunicorn.conf.py --print-config`, run with the app's environment (it
loads the app), shows the values in force."""

import glob
import os
import shutil
import tempfile

# The app: the factory builds it in each worker (see preload_app below).
wsgi_app = "app:create_app()"

# Where to listen. Behind nginx on the same host, loopback only; a unix socket also works
# ("unix:/run/sourced/gunicorn.sock").
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Worker processes: by default 2 × cores + 1, gunicorn's rule of thumb (one busy on the CPU, one waiting
# on the database, per core). Each worker holds its own database pool and, once a teacher generates
# drafts, its own copy of spaCy's model (about 120 MB more), so lower it on a small machine.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1))

# Threads per worker. 1 means gunicorn's "sync" workers: one request at a time per process, the
# simplest and most predictable model. It is safe because nginx buffers slow clients' uploads and
# downloads, so a worker never waits on a client's network. More than 1 switches to "gthread" workers,
# which help when requests mostly wait on the database.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A worker silent for this many seconds is killed and replaced, and its request answered 502 by nginx.
# The slowest legitimate request is generating drafts from a long article (spaCy parses all of it).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))

# On a restart (SIGHUP) or stop (SIGTERM), workers finish the requests they have for up to this long
# before being killed, so a deploy drops no request that takes less.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))

# Seconds to keep an idle client connection open for its next request (gthread workers only; sync
# workers close each connection, and nginx keeps its own connections to clients).
keepalive = 5

# Replace each worker after about this many requests (jitter spreads the restarts), so that memory a
# long-lived process slowly gathers is given back. 0 turns it off. A new worker spends about a second of CPU
# importing and building the app (it is not preloaded, see below): replaced every 2,000 requests, a busy
# worker spent a third of its time starting; every 20,000, a few percent.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10

# Not preloaded: each worker imports and builds the app after the fork. Preloading would share the
# imported code's memory between workers, but a worker would then inherit the master's database
# connections, and `kill -HUP` (a graceful restart after a deploy) would keep running the old code.
preload_app = False

# Gunicorn's error log (starts, stops, worker crashes) goes to stderr with the app's own log lines.
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Gunicorn's access log is off by default: the app already writes one JSON line per request with more in
# it (request id, endpoint, user, latency). GUNICORN_ACCESS_LOG=- turns it on (to stdout, or a file
# path), with this format: the path without its query string (which may carry tokens), the status, the
# size, the time in microseconds and the request id the app sent back.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = (
    '{"remote_addr": "%(h)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"bytes": %(B)s, "duration_us": %(D)s, "request_id": "%({x-request-id}o)s"}'
)

# The addresses whose X-Forwarded-Proto gunicorn believes when it sets the request's scheme (https).
# The app reads the client's address and scheme itself (ProxyFix, TRUSTED_PROXY_COUNT); keep both
# pointing at the same proxy. Gunicorn also reads FORWARDED_ALLOW_IPS itself; this states the default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The heartbeat file each worker touches to show it is alive: in memory where there is /dev/shm, since a
# slow disk can make a healthy worker look stuck.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# No `gunicornc` control socket: signals (HUP, TERM, TTIN, TTOU) cover what we need, and its default
# path is the same for every gunicorn on the host.
control_socket_disable = True

# The master's process id, written here when set, for `kill -HUP "$(cat "$GUNICORN_PIDFILE")"` (reload the
# code after an upgrade) and `kill -TERM …` (stop). Under systemd, $MAINPID does the same.
pidfile = os.environ.get("GUNICORN_PIDFILE") or None

# The name `ps` shows for the master and the workers (with setproctitle installed).
proc_name = "sourced"

# Metrics from every worker: prometheus_client keeps each worker's numbers in files in the directory
# PROMETHEUS_MULTIPROC_DIR, and /metrics adds them up. The master sets it before forking the workers
# (which import the app only then): a new temporary directory unless one is given. Files a previous run
# left there are removed at start; a temporary directory is removed at exit. (Both are noted in the
# environment, which outlives the re-reading of this file on `kill -HUP`.)
TEMPORARY_METRICS_DIR = "SOURCED_TEMPORARY_METRICS_DIR"


def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        directory = tempfile.mkdtemp(prefix="sourced-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.environ[TEMPORARY_METRICS_DIR] = directory
    os.makedirs(directory, exist_ok=True)
    for leftover in glob.glob(os.path.join(directory, "*.db")):
        os.remove(leftover)


def child_exit(server, worker):
    # A dead worker's "live" gauges (connections in use) must stop counting; its counters are kept.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if os.environ.get(TEMPORARY_METRICS_DIR):
        shutil.rmtree(os.environ[TEMPORARY_METRICS_DIR], ignore_errors=True)
