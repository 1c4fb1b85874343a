import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { SandboxOptions } from '../../sandbox/context';

export const TEST_API_KEY = 'sk_test_harness';

/** Starts a sandbox on a free 127.0.0.1 port and records its request log for assertions. */
export async function startTestSandbox(
	overrides: Partial<SandboxOptions> = {},
): Promise<Sandbox & { requests: string[] }> {
	const requests: string[] = [];
	const sandbox = await startSandbox({
		port: 0,
		apiKeys: [TEST_API_KEY],
		log: (line) => requests.push(line),
		...overrides,
	});
	return Object.assign(sandbox, { requests });
}

export function bearerCredentials(sandbox: Sandbox, apiKey = TEST_API_KEY) {
	return { aitbcApi: { baseUrl: sandbox.url, apiKey, apiVersion: 'v1', tenantId: '', enterpriseId: '' } };
}

/** Request log lines for one method and path prefix, e.g. ('GET', '/v1/payments/charges'). */
export function requestsTo(log: string[], method: string, pathPrefix: string): string[] {
	return log.filter((line) => {
		const [, lineMethod, path] = line.split(' ');
		return lineMethod === method && path.split('?')[0] === pathPrefix;
	});
}
