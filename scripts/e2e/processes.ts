import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

export interface Service {
	name: string;
	child: ChildProcess;
	output: () => string;
	stop(): Promise<void>;
}

const started: Service[] = [];

/** Starts a long-running process, keeps its output in memory and a log file, and tracks it. */
export function startService(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions & { logFile: string },
): Service {
	const child = spawn(command, args, {
		...options,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const log = createWriteStream(options.logFile);
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		log.write(chunk);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);

	const service: Service = {
		name,
		child,
		output: () => output,
		stop: () => stopProcessGroup(child),
	};
	started.push(service);
	return service;
}

/** Stops every service in reverse start order; safe to call twice. */
export async function stopAll(): Promise<void> {
	while (started.length > 0) {
		const service = started.pop() as Service;
		await service.stop();
	}
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;

	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// The service runs in its own process group (detached), so this reaches its children too,
	// such as n8n's task runner, and nothing else.
	signalGroup(child.pid, 'SIGTERM');
	const timer = setTimeout(() => {
		if (child.pid !== undefined && child.exitCode === null) signalGroup(child.pid, 'SIGKILL');
	}, 15_000);
	await exited;
	clearTimeout(timer);
}

/** Signals a process group; a group that has already exited (ESRCH) is not an error. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion and returns its output; never throws on a non-zero exit. */
export function runCommand(
	command: string,
	args: string[],
	options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			...options,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		// Tracked like a service, so an interrupted run also stops a CLI command in flight.
		const tracked: Service = {
			name: command,
			child,
			output: () => stdout + stderr,
			stop: () => stopProcessGroup(child),
		};
		started.push(tracked);

		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => void stopProcessGroup(child), options.timeoutMs ?? 300_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			const index = started.indexOf(tracked);
			if (index >= 0) started.splice(index, 1);
			resolve({ code: code ?? 1, stdout, stderr });
		});
	});
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Polls until `check` returns a value or the deadline passes; the error names what was awaited. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs: number,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await check().catch(() => undefined);
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
