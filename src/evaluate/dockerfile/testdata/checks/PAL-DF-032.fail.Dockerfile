FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-032
RUN ln -sf /bin/bash /bin/sh
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
