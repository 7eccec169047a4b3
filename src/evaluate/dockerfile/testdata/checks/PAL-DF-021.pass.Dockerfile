# syntax=docker/dockerfile:1.7
FROM golang:1.23.4@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb AS build
WORKDIR /src
ARG VERSION=1.0
ENV DB_PASSWORD_FILE=/run/secrets/db API_TOKEN=""
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) make
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
COPY --from=build /out/app /app
USER 10001
HEALTHCHECK CMD ["/app", "health"]
ENTRYPOINT ["/app"]
