FROM python:3.12.8-slim@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-026
RUN pip install -r requirements.txt
# expect: PAL-DF-026
RUN python3 -m pip install gunicorn
USER 10001
HEALTHCHECK CMD ["python", "-c", "1"]
CMD ["python", "-m", "app"]
