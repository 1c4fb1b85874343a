#!/usr/bin/env bash
# Checks the tarball that npm publishes: only dist/, README, LICENSE and package.json, no runtime
# dependencies, and every file that package.json's "n8n" section names is inside.
# Usage: scripts/check-package.sh [tarball]   (packs the current build when no tarball is given)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tarball="${1:-}"
if [[ -z "$tarball" ]]; then
	work="$(mktemp -d)"
	trap 'rm -rf "$work"' EXIT
	(cd "$root" && npm run --silent build >/dev/null)
	tarball="$work/$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
fi

tar -tzf "$tarball" | node -e '
const { execFileSync } = require("node:child_process");
const tarball = process.argv[1];
const files = require("node:fs").readFileSync(0, "utf8").trim().split("\n");
const problems = [];

const allowed = /^package\/(dist\/.+|package\.json|README(\.md)?|LICENSE(\.md)?)$/i;
for (const file of files.filter((name) => !allowed.test(name))) {
	problems.push(`${file} is packed, but only dist/, README, LICENSE and package.json may be`);
}
for (const expected of ["package/README.md", "package/LICENSE"]) {
	if (!files.some((file) => file.toLowerCase().startsWith(expected.toLowerCase()))) {
		console.log(`check-package: warning: ${expected.slice(8)} is missing from the tarball`);
	}
}

const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
for (const field of ["dependencies", "bundleDependencies", "bundledDependencies", "optionalDependencies"]) {
	const value = manifest[field];
	if (value && Object.keys(value).length > 0) {
		problems.push(`package.json has ${field} (${Object.keys(value).join(", ")}); a community package may have none`);
	}
}
for (const file of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
	if (!files.includes(`package/${file}`)) problems.push(`package.json names ${file}, which is not packed`);
}

for (const problem of problems) console.error(`check-package: ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`check-package: ${files.length} files, only dist/ and package metadata, no runtime dependencies`);
' "$tarball"
