FROM alpine:3.20.3@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
RUN apk add --no-cache curl
RUN --mount=type=cache,target=/var/cache/apk apk add git
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["sh"]
