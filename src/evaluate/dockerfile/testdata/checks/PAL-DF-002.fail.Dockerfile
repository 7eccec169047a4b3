# syntax=docker/dockerfile:1.7
# expect: PAL-DF-002
FROM golang AS build
WORKDIR /src
RUN go build -o /out/app ./cmd/app

# expect: PAL-DF-002
FROM gcr.io/distroless/static-debian12:latest
COPY --from=build /out/app /app
USER 10001
HEALTHCHECK CMD ["/app", "health"]
ENTRYPOINT ["/app"]
