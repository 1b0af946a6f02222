"""gunicorn settings, read automatically when gunicorn starts in this directory.

Command-line options (`dossier run --workers`, Dockerfile) override these.
"""

import os

# Several servers may run on one machine (the app, tests, benchmarks): no shared control socket.
control_socket_disable = True
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 60
graceful_timeout = 10
# Do not trust X-Forwarded-* from anyone but a local proxy.
forwarded_allow_ips = "127.0.0.1,::1"
