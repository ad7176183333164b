# applicant-bot: every channel (widget, staff page, JSON API, Telegram) from `applicant-bot serve`.
#   docker build -t applicant-bot .
#   docker run -p 8080:8080 -v applicant-bot-data:/data applicant-bot
# Configuration by environment (-e APPLICANT_BOT_TELEGRAM_TOKEN=… etc.), see the README.
#
# Reproducible: the base image is pinned by digest and the Python packages come from
# requirements.lock (exact versions, their hashes checked). The digest is the one docker-library's
# repo-info records for python:3.11-slim-bookworm (Python 3.11.16, Debian bookworm of 2026-08-24).
# Moving to a newer base is a deliberate change: `docker buildx imagetools inspect
# python:3.11-slim-bookworm` prints the current "Digest:", which replaces the one below.
ARG BASE=python:3.11-slim-bookworm@sha256:0bee7276f83efd4a1ee05bbbf4281d95ed28e079220a9457f25a93e3f1e3c31b

# --- build: the locked packages, then the project, into a virtual environment --------------------
FROM ${BASE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/applicant-bot
COPY requirements.lock /tmp/requirements.lock
RUN /opt/applicant-bot/bin/pip install --require-hashes -r /tmp/requirements.lock
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY rules ./rules
COPY knowledge ./knowledge
COPY templates ./templates
# A regular (not editable) install: the package and its data files are copied into the environment,
# nothing resolved again (--no-deps) and no build tools fetched (the locked setuptools builds it).
RUN /opt/applicant-bot/bin/pip install --no-deps --no-build-isolation .

# --- run: only the environment; the source tree stays behind in the build stage -----------------
FROM ${BASE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/applicant-bot/bin:$PATH \
    APPLICANT_BOT_DATA_DIR=/data
COPY --from=build /opt/applicant-bot /opt/applicant-bot

# An unprivileged user owning only the data directory (SQLite database: sessions, log, feedback).
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin applicant-bot \
    && mkdir -p /data && chown applicant-bot:applicant-bot /data
VOLUME ["/data"]
USER applicant-bot
WORKDIR /data

EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status == 200 else 1)"]

# exec form: the server runs as PID 1 and receives SIGTERM itself (graceful stop, store closed).
CMD ["applicant-bot", "serve", "--host", "0.0.0.0", "--port", "8080"]
