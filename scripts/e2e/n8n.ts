import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runCommand, startService, waitFor, type Service } from './processes';

export interface N8nOptions {
	node: string;
	bin: string;
	userFolder: string;
	port: number;
	brokerPort: number;
	logDir: string;
}

export const OWNER = {
	email: 'owner@e2e.example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-Passw0rd',
};

/**
 * Settings that keep n8n on 127.0.0.1 and away from n8n's own servers: no telemetry, version
 * checks, templates, banners, MCP registry or verified-package lookups.
 */
function offlineEnvironment(options: N8nOptions): NodeJS.ProcessEnv {
	const baseUrl = `http://127.0.0.1:${options.port}`;
	return {
		PATH: process.env.PATH,
		HOME: options.userFolder,
		TZ: 'UTC',
		NODE_ENV: 'production',
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-a-secret',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(options.port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	};
}

export class N8n {
	readonly baseUrl: string;

	private server?: Service;

	private cookie = '';

	constructor(private readonly options: N8nOptions) {
		this.baseUrl = `http://127.0.0.1:${options.port}`;
	}

	/** Runs one n8n CLI command against the same user folder and database as the server. */
	async cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
		const result = await runCommand(this.options.node, [this.options.bin, ...args], {
			cwd: this.options.userFolder,
			env: offlineEnvironment(this.options),
			timeoutMs: 180_000,
		});
		const name = args[0].replace(/[^a-z]/gi, '-');
		writeFileSync(
			join(this.options.logDir, `n8n-cli-${name}-${Date.now()}.log`),
			`$ n8n ${args.join(' ')}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
		);
		return result;
	}

	async cliOrThrow(args: string[]): Promise<string> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args[0]} exited with ${result.code}: ${tail(result.stdout + result.stderr)}`,
			);
		}
		return result.stdout;
	}

	async start(): Promise<void> {
		this.server = startService('n8n', this.options.node, [this.options.bin, 'start'], {
			cwd: this.options.userFolder,
			env: offlineEnvironment(this.options),
			logFile: join(this.options.logDir, 'n8n-server.log'),
		});
		const server = this.server;
		await waitFor(
			`n8n to answer on ${this.baseUrl}/healthz/readiness`,
			async () => {
				if (server.child.exitCode !== null) {
					throw new Error(`n8n exited early: ${tail(server.output())}`);
				}
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				return response.ok ? true : undefined;
			},
			120_000,
			500,
		).catch((error: Error) => {
			throw new Error(`${error.message}\n${tail(server.output())}`);
		});
	}

	serverOutput(): string {
		return this.server?.output() ?? '';
	}

	async stop(): Promise<void> {
		await this.server?.stop();
	}

	/** Creates the instance owner, as the setup screen does, and keeps the session cookie. */
	async setupOwner(): Promise<void> {
		const response = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!response.ok) {
			throw new Error(`Owner setup answered ${response.status}: ${await response.text()}`);
		}
		this.cookie = (response.headers.getSetCookie?.() ?? [])
			.map((header) => header.split(';')[0])
			.join('; ');
	}

	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', Cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /rest${path} answered ${response.status}: ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** The node or credential types the editor loads, e.g. `/types/nodes.json`. */
	async types(file: 'nodes' | 'credentials'): Promise<Array<{ name: string }>> {
		const response = await fetch(`${this.baseUrl}/types/${file}.json`, {
			headers: { Cookie: this.cookie },
		});
		if (!response.ok) throw new Error(`/types/${file}.json answered ${response.status}`);
		return (await response.json()) as Array<{ name: string }>;
	}

	async executions(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.rest<{
			results: Array<{ id: string; status: string; mode: string }>;
		}>('GET', `/executions?filter=${filter}&limit=100`);
		return page.results;
	}
}

export function tail(text: string, lines = 25): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}
