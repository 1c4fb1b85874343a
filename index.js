// n8n loads this package's nodes and credentials from the paths in package.json's "n8n"
// section, never from an entry point. This file only marks the repository's root module; it is
// not packed, because package.json names no "main" and packs only dist/.
module.exports = {};
