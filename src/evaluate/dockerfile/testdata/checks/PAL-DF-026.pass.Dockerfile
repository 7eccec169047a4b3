FROM python:3.12.8-slim@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
RUN pip install --no-cache-dir -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn
USER 10001
HEALTHCHECK CMD ["python", "-c", "1"]
CMD ["python", "-m", "app"]
