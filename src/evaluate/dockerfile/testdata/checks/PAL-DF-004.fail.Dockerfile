# syntax=docker/dockerfile:1.7
FROM golang:1.23.4@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb AS build
WORKDIR /src
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
# expect: PAL-DF-004
ADD config.yaml /etc/app/
COPY --from=build /out/app /app
USER 10001
HEALTHCHECK CMD ["/app", "health"]
ENTRYPOINT ["/app"]
