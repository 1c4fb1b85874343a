#!/usr/bin/env bash
# npm run test:e2e: the package installed into a real n8n as a community package, its
# workflows run by n8n's CLI against the sandbox, its trigger fed by real deliveries, and its
# forms pictured in n8n's editor. See docs/e2e.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
started=$(date +%s)

# A failed setup stops here: set -e applies to the assignment, not to an eval of its output.
setup_vars="$(bash scripts/e2e/setup.sh)"
eval "$setup_vars"

echo 'e2e: building and packing the package'
npm run --silent build >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-aitbc-e2e.XXXXXX")"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
bash scripts/check-package.sh "$tarball"

npx tsc -p tsconfig.tools.json
screenshots="$root/build/e2e-screenshots"
rm -rf "$screenshots"

status=0
E2E_WORK_DIR="$work" E2E_TARBALL="$tarball" E2E_NODE24="$NODE24" E2E_N8N_BIN="$N8N_BIN" \
	E2E_PLAYWRIGHT_DIR="$PLAYWRIGHT_DIR" E2E_CHROMIUM="$CHROMIUM" E2E_SCREENSHOT_DIR="$screenshots" \
	node build/scripts/e2e/e2e.js || status=$?

if [[ $status -eq 0 && -z "${E2E_KEEP:-}" ]]; then
	rm -rf "$work"
else
	echo "e2e: logs and the n8n user folder are kept in $work"
fi
echo "e2e: finished in $(($(date +%s) - started)) s with exit code $status"
exit "$status"
