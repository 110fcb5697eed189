"""gunicorn settings for Council Records, read from the environment.

    gunicorn -c scripts/gunicorn.conf.py council.wsgi

Behind a TLS-terminating reverse proxy (nginx) that sets X-Forwarded-Proto and
X-Forwarded-For; see docs/DEPLOY.md. Every value can be overridden by the environment:

    GUNICORN_BIND             127.0.0.1:8000 (the proxy connects here; "0.0.0.0:8000" on a private network)
    GUNICORN_WORKERS          2 x cores + 1
    GUNICORN_THREADS          1 (sync workers)
    GUNICORN_TIMEOUT          30 s: no request holds a worker longer (uploads are bounded by UPLOAD_MAX_ROWS,
                              large summaries run as background jobs)
    FORWARDED_ALLOW_IPS       127.0.0.1,::1 (the proxies whose X-Forwarded-* headers are trusted)
    GUNICORN_ACCESS_LOG       "-" (stdout); a path, or "" to switch off
    GUNICORN_ERROR_LOG        "-" (stderr)
    GUNICORN_CONTROL_SOCKET   unset: no control socket (several instances on one host never collide)
"""
import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak in a library never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Only these addresses may tell us the original scheme/client (X-Forwarded-Proto/-For).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Who, what, status, bytes, time taken (µs) — no query strings beyond the request line, no cookies.
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(D)s "%(a)s"'

# Heartbeat files in memory, not on a possibly slow disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

_control = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if _control:
    control_socket = _control
else:
    control_socket_disable = True

# Each worker loads the application itself (no --preload): database connections are never
# shared across a fork.
preload_app = False
proc_name = "council-records"


def post_worker_init(worker):
    """The application's own objects (modules, URL patterns, model metadata, settings) live as long as the
    worker: they are moved out of the garbage collector's sight once loaded, so that a full collection
    during a request scans what requests made, not the whole of Django (tens of milliseconds a time)."""
    import gc

    gc.collect()
    gc.freeze()
