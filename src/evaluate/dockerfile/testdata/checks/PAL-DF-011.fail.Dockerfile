FROM alpine:3.20.3@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-011
RUN apk update && apk add curl
USER 10001
HEALTHCHECK CMD ["/bin/true"]
CMD ["sh"]
