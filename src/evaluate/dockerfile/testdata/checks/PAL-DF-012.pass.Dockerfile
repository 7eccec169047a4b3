FROM debian:12.8@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
RUN echo "no sudoers here" > /etc/motd
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["bash"]
