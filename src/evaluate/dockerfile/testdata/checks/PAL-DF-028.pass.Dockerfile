# syntax=docker/dockerfile:1.7
FROM golang:1.23.4@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb AS build
WORKDIR /src
RUN mkdir /data && chmod 0750 /data && chmod u+x,g+r /data
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
COPY --chmod=0755 run.sh /run.sh
COPY --from=build /out/app /app
USER 10001
HEALTHCHECK CMD ["/app", "health"]
ENTRYPOINT ["/app"]
