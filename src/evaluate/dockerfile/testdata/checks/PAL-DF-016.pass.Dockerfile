# syntax=docker/dockerfile:1.7
FROM golang:1.23.4@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb AS build
WORKDIR /src
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
ARG PORT=8080
EXPOSE ${PORT} 9000-9010/udp
COPY --from=build /out/app /app
USER 10001
HEALTHCHECK CMD ["/app", "health"]
ENTRYPOINT ["/app"]
