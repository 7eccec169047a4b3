# Runtime sensor e2e (issue 9): bpftrace, a private dockerd and a test image.
# Sourced by .ci/run (uses ci_apt_install / ci_on_exit). Exports for test/e2e/runtime*.test.ts:
#   PALISADE_E2E_DOCKER_HOST   unix socket of the test dockerd (its own data-root, no bridge, no iptables)
#   PALISADE_E2E_RUNTIME_IMAGE image reference loaded into that dockerd
# The test dockerd never touches the host's default bridge: "bridge": "none", "iptables": false, and
# containers run with --network none.
ci_apt_install bpftrace docker.io debootstrap umoci skopeo jq

# bpftrace needs tracefs; say so when we mount it
if [ ! -d /sys/kernel/tracing/events ] && [ ! -d /sys/kernel/debug/tracing/events ]; then
  echo "50-runtime: mounting tracefs on /sys/kernel/tracing for bpftrace"
  mount -t tracefs nodev /sys/kernel/tracing || echo "50-runtime: tracefs mount failed; eBPF tests will skip"
fi

PALISADE_RT_DIR=$(mktemp -d /tmp/palisade-rt.XXXXXX)
mkdir -p "$PALISADE_RT_DIR/data" "$PALISADE_RT_DIR/exec"
cat >"$PALISADE_RT_DIR/daemon.json" <<EOF
{
  "bridge": "none",
  "iptables": false,
  "ip6tables": false,
  "ip-masq": false,
  "ip-forward": false,
  "userland-proxy": false,
  "data-root": "$PALISADE_RT_DIR/data",
  "exec-root": "$PALISADE_RT_DIR/exec",
  "pidfile": "$PALISADE_RT_DIR/docker.pid",
  "hosts": ["unix://$PALISADE_RT_DIR/docker.sock"],
  "storage-driver": "overlay2",
  "log-driver": "json-file"
}
EOF
dockerd --config-file "$PALISADE_RT_DIR/daemon.json" >"$PALISADE_RT_DIR/dockerd.log" 2>&1 &
PALISADE_RT_DOCKERD_PID=$!
ci_on_exit "kill $PALISADE_RT_DOCKERD_PID 2>/dev/null; sleep 2; rm -rf '$PALISADE_RT_DIR'"
export PALISADE_E2E_DOCKER_HOST="unix://$PALISADE_RT_DIR/docker.sock"
for _ in $(seq 1 60); do
  DOCKER_HOST=$PALISADE_E2E_DOCKER_HOST docker version >/dev/null 2>&1 && break
  sleep 1
done
DOCKER_HOST=$PALISADE_E2E_DOCKER_HOST docker version --format 'dockerd {{.Server.Version}} ready' ||
  { tail -20 "$PALISADE_RT_DIR/dockerd.log"; echo "50-runtime: dockerd did not start" >&2; return 1; }

# The image: the fixtures' base image (10-fixtures.sh builds it into $PALISADE_FIXTURES), else our own
# bookworm minbase (cached). Tests give the command to run, so an image without Cmd works.
PALISADE_RT_ARCHIVE=${PALISADE_FIXTURES:-test/fixtures/out}/archives/base.docker.tar
if [ ! -f "$PALISADE_RT_ARCHIVE" ]; then
  PALISADE_RT_ARCHIVE=$(bash test/e2e/runtime/build-test-image.sh)
fi
DOCKER_HOST=$PALISADE_E2E_DOCKER_HOST docker load -i "$PALISADE_RT_ARCHIVE" | tail -1
PALISADE_E2E_RUNTIME_IMAGE=$(tar -xOf "$PALISADE_RT_ARCHIVE" manifest.json | jq -r '.[0].RepoTags[0]')
export PALISADE_E2E_RUNTIME_IMAGE
echo "50-runtime: dockerd at $PALISADE_E2E_DOCKER_HOST with image $PALISADE_E2E_RUNTIME_IMAGE"
