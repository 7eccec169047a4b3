FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-008
RUN apt-get update && apt-get install -y --no-install-recommends curl
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
