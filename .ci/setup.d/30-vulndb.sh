# Vulnerability DB (issue 5): a real OCI registry (CNCF distribution, Debian's docker-registry) for the
# `db update` OCI-artifact test, which starts its own instance on a free 127.0.0.1 port; openssl makes
# the throw-away CA of the HTTPS update test; Debian's packaged golang.org/x/net sources (with golang-go
# from 20-lang.sh) build the old-x/net Go binary of test/e2e/go-xnet-binary.test.ts.
ci_apt_install docker-registry openssl golang-go golang-golang-x-net-dev
export PALISADE_DOCKER_REGISTRY_BIN=/usr/bin/docker-registry
