# Vulnerability DB (issue 5): a real OCI registry (CNCF distribution, Debian's docker-registry) for the
# `db update` OCI-artifact test, which starts its own instance on a free 127.0.0.1 port; openssl makes
# the throw-away CA of the HTTPS update test.
ci_apt_install docker-registry openssl
export PALISADE_DOCKER_REGISTRY_BIN=/usr/bin/docker-registry
