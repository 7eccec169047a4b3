FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-034
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
