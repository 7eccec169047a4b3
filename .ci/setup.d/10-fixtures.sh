# shellcheck shell=bash
# Fixture images for the e2e tests and benchmarks: test/fixtures/build-images.sh builds real bookworm
# images with debootstrap + umoci + skopeo (a cold build takes ~10-15 min on 2 cores, mostly
# debootstrap, apt and umoci's gzip). CI builds into a machine-wide directory keyed by the script's
# hash, so a run on the same machine with unchanged fixtures reuses them; any change rebuilds.
# The e2e tests read PALISADE_FIXTURES and fail (not skip) when it names a directory without fixtures.
ci_apt_install debootstrap umoci skopeo jq
export PALISADE_FIXTURES=${PALISADE_FIXTURES:-/var/cache/palisade-fixtures}
echo "fixtures: building into $PALISADE_FIXTURES"
if ! test/fixtures/build-images.sh --out "$PALISADE_FIXTURES"; then
  echo "fixtures: test/fixtures/build-images.sh FAILED; the e2e tests cannot run without the fixture images" >&2
  exit 1
fi
