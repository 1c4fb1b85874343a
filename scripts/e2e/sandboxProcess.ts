import { join } from 'node:path';

import { startService, waitFor, type Service } from './processes';

export interface SandboxProcess {
	url: string;
	service: Service;
	get<T>(path: string, headers?: Record<string, string>): Promise<T>;
	post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
	/** Every object of a list endpoint, newest first, following `next_page`. */
	list<T extends { id: string }>(path: string, headers: Record<string, string>): Promise<T[]>;
}

/** Starts `build/sandbox/cli.js` on a free port and waits for the address it prints. */
export async function startSandboxProcess(
	root: string,
	args: string[],
	logDir: string,
): Promise<SandboxProcess> {
	const service = startService(
		'sandbox',
		process.execPath,
		[join(root, 'build/sandbox/cli.js'), '--port', '0', ...args],
		{
			cwd: root,
			env: process.env,
			logFile: join(logDir, 'sandbox.log'),
		},
	);

	const url = await waitFor(
		'the sandbox to print its address',
		async () => {
			if (service.child.exitCode !== null) {
				throw new Error(`The sandbox exited: ${service.output().trim()}`);
			}
			return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(service.output())?.[1];
		},
		15_000,
		100,
	).catch((error: Error) => {
		throw new Error(`${error.message}\n${service.output().trim()}`);
	});

	const call = async <T>(method: string, path: string, body?: unknown, headers = {}) => {
		const response = await fetch(`${url}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${text}`);
		return JSON.parse(text) as T;
	};

	return {
		url,
		service,
		get: (path, headers) => call('GET', path, undefined, headers),
		post: (path, body, headers) => call('POST', path, body, headers),
		async list<T extends { id: string }>(path: string, headers: Record<string, string>) {
			const all: T[] = [];
			let cursor: string | null = null;
			for (let page = 0; page < 1000; page++) {
				const query = `limit=100${cursor ? `&starting_after=${encodeURIComponent(cursor)}` : ''}`;
				const answer: {
					data: T[];
					has_more: boolean;
					next_page: string | null;
				} = await call('GET', `${path}?${query}`, undefined, headers);
				all.push(...answer.data);
				if (!answer.has_more || !answer.next_page) return all;
				cursor = answer.next_page;
			}
			throw new Error(`${path} kept returning pages past 1000`);
		},
	};
}
