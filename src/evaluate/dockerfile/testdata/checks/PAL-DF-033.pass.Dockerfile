FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN wget -qO- https://example.com/app.tgz | tar xz -C /opt
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
