# Registry and engine sources (issue 3): Debian's docker-registry (distribution 2.8), skopeo to push
# test images, openssl for the test CA, apache2-utils for htpasswd (bcrypt). The tests start their own
# registries on 127.0.0.1 with generated configs; the Docker engine tests reuse the dockerd that
# 50-runtime.sh starts (PALISADE_E2E_DOCKER_HOST) instead of a second engine.
ci_apt_install docker-registry skopeo openssl apache2-utils
# Debian's package enables a system registry on :5000; the tests never use it, and it must not be
# left listening on anything but what the tests start
if systemctl is-active --quiet docker-registry 2>/dev/null; then systemctl stop docker-registry || true; fi
