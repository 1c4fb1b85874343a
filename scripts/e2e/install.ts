import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runCommand } from './processes';

/**
 * Installs the packed tarball the way n8n's Community Nodes screen does: unpack it into
 * `<user folder>/.n8n/nodes/node_modules/<name>`, drop its dev, peer and optional dependencies,
 * run `npm install` inside it with scripts off, and record it in `.n8n/nodes/package.json`.
 * The install step needs no registry: a community package has no runtime dependencies.
 */
export async function installCommunityPackage(
	tarball: string,
	userFolder: string,
	name: string,
): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', name);
	mkdirSync(packageDir, { recursive: true });

	await mustRun('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const manifestPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		readFileSync(manifestPath, 'utf8'),
	) as Record<string, unknown>;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

	await mustRun(
		'npm',
		[
			'install',
			'--offline',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		packageDir,
	);

	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { [name]: manifest.version },
			},
			null,
			2,
		),
	);
}

async function mustRun(command: string, args: string[], cwd?: string): Promise<void> {
	const result = await runCommand(command, args, { cwd });
	if (result.code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} exited with ${result.code}: ${result.stderr.trim()}`,
		);
	}
}
