import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface SandboxProcess {
	url: string;
	apiKey: string;
	stop(): Promise<void>;
	stats(): Promise<Record<string, unknown>>;
}

export const BENCH_API_KEY = 'sk_test_bench';

/**
 * Starts the sandbox CLI in its own process, so its CPU and memory are not counted against the
 * client being measured, and waits for the line that gives its address.
 */
export async function startSandboxProcess(flags: string[] = []): Promise<SandboxProcess> {
	const cli = join(__dirname, '..', 'sandbox', 'cli.js');
	const child = spawn(
		process.execPath,
		[cli, '--port', '0', '--quiet', '--api-key', BENCH_API_KEY, ...flags],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);

	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) =>
			reject(new Error(`The sandbox exited with code ${code}: ${output}`)),
		);
	});

	return {
		url,
		apiKey: BENCH_API_KEY,
		stop: () => stopChild(child),
		stats: async () => {
			const response = await fetch(`${url}/_sandbox/stats`);
			return ((await response.json()) as { data: Record<string, unknown> }).data;
		},
	};
}

function stopChild(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null) {
			resolve();
			return;
		}
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}
