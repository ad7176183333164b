FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir .
CMD ["applicant-bot", "serve", "--host", "0.0.0.0"]
