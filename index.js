// n8n loads nodes and credentials from the paths in package.json's "n8n" section; this file
// only gives the package a valid entry point.
module.exports = {};
