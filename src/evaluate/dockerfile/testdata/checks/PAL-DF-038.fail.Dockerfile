FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-038
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*
USER 10001
HEALTHCHECK CMD ["/bin/true"]
# expect: PAL-DF-038
CMD ["/usr/sbin/sshd", "-D"]
