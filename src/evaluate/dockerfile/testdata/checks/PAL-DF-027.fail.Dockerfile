FROM registry.access.redhat.com/ubi9/ubi:9.5@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-027
RUN dnf install -y httpd
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
