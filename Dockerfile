# applicant-bot: every channel (widget, staff page, JSON API, Telegram) from `applicant-bot serve`.
#   docker build -t applicant-bot .
#   docker run -p 8080:8080 -v applicant-bot-data:/data applicant-bot
# Configuration by environment (-e APPLICANT_BOT_TELEGRAM_TOKEN=… etc.), see the README.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    APPLICANT_BOT_DATA_DIR=/data

# The same install step as the README: a plain `pip install .` of this source tree.
WORKDIR /src
COPY . /src
RUN pip install . && rm -rf /src

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
