import type { IncomingHttpHeaders } from 'node:http';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import {
	bearerCredentials,
	hmacCredentials,
	oauth2Credentials,
	startTestSandbox,
} from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const tenant = { tenantId: 'tenant_42', enterpriseId: 'ent_7' };

describe('tenant headers', () => {
	let sandbox: TestSandbox;
	let received: Array<{ path: string; headers: IncomingHttpHeaders }>;

	beforeEach(async () => {
		sandbox = await startTestSandbox();
		received = [];
		sandbox.context.interceptors.push({
			async beforeProcessing(request) {
				received.push({ path: request.path, headers: request.headers });
			},
		});
	});

	afterEach(async () => {
		await sandbox.close();
	});

	test.each([
		['apiKey', (s: TestSandbox) => ({ aitbcApi: { ...bearerCredentials(s).aitbcApi, ...tenant } })],
		[
			'oAuth2',
			(s: TestSandbox) => ({
				aitbcOAuth2Api: { ...oauth2Credentials(s).aitbcOAuth2Api, ...tenant },
			}),
		],
		[
			'hmac',
			(s: TestSandbox) => ({ aitbcHmacApi: { ...hmacCredentials(s).aitbcHmacApi, ...tenant } }),
		],
	])('%s sends tenant and enterprise ids', async (authentication, credentials) => {
		const result = await runWorkflow(
			aitbcWorkflow({
				authentication,
				resource: 'charge',
				operation: 'create',
				amount: 100,
				currency: 'usd',
				source: 'tok_visa',
			}),
			{ credentials: credentials(sandbox) as Record<string, ICredentialDataDecryptedObject> },
		);

		expect(result.error).toBeUndefined();
		const apiCalls = received.filter((entry) => entry.path === '/v1/payments/charges');
		expect(apiCalls).toHaveLength(1);
		expect(apiCalls[0].headers['x-tenant-id']).toBe('tenant_42');
		expect(apiCalls[0].headers['x-enterprise-id']).toBe('ent_7');
	});

	test.each([
		['apiKey', (s: TestSandbox) => bearerCredentials(s)],
		['oAuth2', (s: TestSandbox) => oauth2Credentials(s)],
		['hmac', (s: TestSandbox) => hmacCredentials(s)],
	])('%s omits unset ids', async (authentication, credentials) => {
		await runWorkflow(
			aitbcWorkflow({ authentication, resource: 'charge', operation: 'getAll', returnAll: true }),
			{ credentials: credentials(sandbox) as Record<string, ICredentialDataDecryptedObject> },
		);

		const apiCalls = received.filter((entry) => entry.path === '/v1/payments/charges');
		expect(apiCalls).toHaveLength(1);
		expect(apiCalls[0].headers).not.toHaveProperty('x-tenant-id');
		expect(apiCalls[0].headers).not.toHaveProperty('x-enterprise-id');
	});
});
