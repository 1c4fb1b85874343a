const { src, dest, parallel } = require('gulp');

// tsc emits only JavaScript; icons and node codex files must sit beside the built nodes.
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function copyNodeJson() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(copyIcons, copyNodeJson);
