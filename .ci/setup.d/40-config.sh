# Config checks (issue 7): `kubectl kustomize` renders kustomizations in test/e2e/config-render.test.ts.
# The machine image ships kubectl (with kustomize 5); where it does not, Debian's kubernetes-client
# provides kubectl. Helm is not packaged by Debian 12 and cannot be fetched here: the Helm e2e test
# skips with that reason, and `palisade config` reports charts as not rendered.
if ! command -v kubectl >/dev/null 2>&1; then
  ci_apt_install kubernetes-client
fi
echo "config: kubectl $(kubectl version --client 2>/dev/null | head -1 || echo missing); helm: $(command -v helm || echo 'not available')"
