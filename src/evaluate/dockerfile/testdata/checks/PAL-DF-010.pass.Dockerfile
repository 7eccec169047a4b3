FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
RUN apt-get update && apt-get -qq install --no-install-recommends curl && apt-get install -qy --no-install-recommends git && rm -rf /var/lib/apt/lists/*
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
