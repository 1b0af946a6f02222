"""gunicorn settings, read automatically when gunicorn starts in this directory (and passed
explicitly by `dossier run`; the Dockerfile runs gunicorn in the directory holding it).

Command-line options (`dossier run --workers`, `gunicorn --threads ...`) override these. Why
these values: docs/production.md ("Serving").
"""

import os

# Several servers may run on one machine (the app, tests, benchmarks): no shared control socket.
control_socket_disable = True

# Threads, so that a slow client or a slow query holds one thread, not a whole process;
# api.server.DossierWorker is gthread with a read deadline per request and problem+json
# error pages. workers x threads requests run at once; keep threads <= DOSSIER_DB_POOL_MAX.
worker_class = "api.server.DossierWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("DOSSIER_THREADS", "8"))

# A worker whose main loop stops answering for this long is restarted (threads keep the main
# loop free, so this is a last resort); stopping waits this long for running requests.
timeout = 60
graceful_timeout = 30
# Idle keep-alive connections (and connections that send nothing) are closed after this.
keepalive = 5

# What gunicorn accepts before the app sees a request (past them: problem+json 414 / 431).
# The request line limit is gunicorn's maximum, so that the app's own 8000-byte limit on the
# query string (api/limits.py) is the one clients meet.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# gunicorn's access log is off: the app writes one JSON line per request without the query
# string (api/logs.py). If it is turned on (--access-logfile -), it logs the path only.
accesslog = None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

# Do not trust X-Forwarded-* from anyone but a local proxy (the scheme; client addresses
# behind a proxy: DOSSIER_TRUSTED_PROXIES, docs/production.md).
forwarded_allow_ips = "127.0.0.1,::1"
