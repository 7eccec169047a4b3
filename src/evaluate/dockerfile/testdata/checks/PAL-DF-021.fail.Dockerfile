# syntax=docker/dockerfile:1.7
FROM golang:1.23.4@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb AS build
WORKDIR /src
# expect: PAL-DF-021
ARG NPM_TOKEN
# expect: PAL-DF-021
ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG \
    REGION=eu-west-1
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
COPY --from=build /out/app /app
USER 10001
HEALTHCHECK CMD ["/app", "health"]
ENTRYPOINT ["/app"]
