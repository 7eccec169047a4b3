FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
