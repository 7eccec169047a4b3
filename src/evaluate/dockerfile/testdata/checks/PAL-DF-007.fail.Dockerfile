FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-007
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
