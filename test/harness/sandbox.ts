import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { SandboxOptions } from '../../sandbox/context';

export const TEST_API_KEY = 'sk_test_harness';
export const TEST_API_SECRET = 'sandbox_hmac_secret_for_tests';
export const TEST_CLIENT_ID = 'client_harness';
export const TEST_CLIENT_SECRET = 'client_secret_for_tests';

/** Starts a sandbox on a free 127.0.0.1 port and records its request log for assertions. */
export async function startTestSandbox(
	overrides: Partial<SandboxOptions> = {},
): Promise<Sandbox & { requests: string[] }> {
	const requests: string[] = [];
	const sandbox = await startSandbox({
		port: 0,
		...harnessAuthOptions(),
		log: (line) => requests.push(line),
		...overrides,
	});
	return Object.assign(sandbox, { requests });
}

/** Options that make the sandbox accept the harness's API key, HMAC secret and OAuth2 client. */
export function harnessAuthOptions(): Partial<SandboxOptions> {
	return {
		apiKeys: [TEST_API_KEY],
		apiSecret: TEST_API_SECRET,
		oauthClients: [{ clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET }],
	};
}

export function oauth2Credentials(
	sandbox: Sandbox,
	overrides: Partial<{ clientId: string; clientSecret: string; scope: string }> = {},
) {
	return {
		aitbcOAuth2Api: {
			baseUrl: sandbox.url,
			clientId: TEST_CLIENT_ID,
			clientSecret: TEST_CLIENT_SECRET,
			scope: 'payments',
			...overrides,
		},
	};
}

export function hmacCredentials(
	sandbox: Sandbox,
	overrides: Partial<{ apiKey: string; apiSecret: string; signingScheme: 'v1' | 'v2' }> = {},
) {
	return {
		aitbcHmacApi: {
			baseUrl: sandbox.url,
			apiKey: TEST_API_KEY,
			apiSecret: TEST_API_SECRET,
			signingScheme: 'v2',
			...overrides,
		},
	};
}

export function bearerCredentials(sandbox: Sandbox, apiKey = TEST_API_KEY) {
	return {
		aitbcApi: { baseUrl: sandbox.url, apiKey, apiVersion: 'v1', tenantId: '', enterpriseId: '' },
	};
}

/** Request log lines for one method and path prefix, e.g. ('GET', '/v1/payments/charges'). */
export function requestsTo(log: string[], method: string, pathPrefix: string): string[] {
	return log.filter((line) => {
		const [, lineMethod, path] = line.split(' ');
		return lineMethod === method && path.split('?')[0] === pathPrefix;
	});
}
