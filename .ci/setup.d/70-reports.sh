# shellcheck shell=bash
# Reports: Debian's chromium renders the HTML report headless in test/e2e/report-html.test.ts (driven by
# playwright-core with executablePath; no browser download), and keeps screenshots in test/e2e/out/.
# The CI examples of docs/ci/ run against the fixture images from 10-fixtures.sh
# (test/e2e/ci-examples.test.ts).
ci_apt_install chromium fonts-dejavu-core
export PALISADE_CHROMIUM=/usr/bin/chromium
"$PALISADE_CHROMIUM" --version || { echo "reports: chromium does not start" >&2; exit 1; }
