import { testCredential } from '../harness/credentialTest';
import {
	bearerCredentials,
	hmacCredentials,
	oauth2Credentials,
	requestsTo,
	startTestSandbox,
} from '../harness/sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

describe('credential test request', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});

	afterAll(async () => {
		await sandbox.close();
	});

	test.each([
		['aitbcApi', () => bearerCredentials(sandbox).aitbcApi],
		['aitbcOAuth2Api', () => oauth2Credentials(sandbox).aitbcOAuth2Api],
		['aitbcHmacApi', () => hmacCredentials(sandbox).aitbcHmacApi],
		['aitbcHmacApi', () => hmacCredentials(sandbox, { signingScheme: 'v1' }).aitbcHmacApi],
	])('%s passes with valid data', async (typeName, data) => {
		const before = requestsTo(sandbox.requests, 'GET', '/v1/account').length;

		const outcome = await testCredential(typeName, data());

		expect(outcome.message).toBe('Connection successful');
		expect(outcome.status).toBe('OK');
		const output = outcome.result.output('Credential Test')[0].json as {
			body: { data: { id: string } };
		};
		expect(output.body.data.id).toBe('acct_sandbox');
		expect(requestsTo(sandbox.requests, 'GET', '/v1/account')).toHaveLength(before + 1);
	});

	test.each([
		[
			'aitbcApi',
			() => bearerCredentials(sandbox, 'sk_test_wrong').aitbcApi,
			'Invalid API credentials',
		],
		[
			'aitbcOAuth2Api',
			() => oauth2Credentials(sandbox, { clientSecret: 'wrong' }).aitbcOAuth2Api,
			'Invalid client credentials',
		],
		[
			'aitbcHmacApi',
			() => hmacCredentials(sandbox, { apiSecret: 'wrong' }).aitbcHmacApi,
			'The request signature does not match',
		],
		[
			'aitbcHmacApi',
			() => hmacCredentials(sandbox, { apiKey: 'sk_test_wrong' }).aitbcHmacApi,
			'Invalid API credentials',
		],
	])('%s fails with wrong data', async (typeName, data, reason) => {
		const outcome = await testCredential(typeName, data());

		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(
			/^(Authorization failed - please check your credentials|Failed to acquire OAuth2 access token: .+)$/,
		);
		const error = JSON.stringify(outcome.result.run.data.resultData.error);
		expect(error).toContain(reason);
	});

	test('base URL with a trailing slash works', async () => {
		const data = { ...hmacCredentials(sandbox).aitbcHmacApi, baseUrl: `${sandbox.url}/` };

		const outcome = await testCredential('aitbcHmacApi', data);

		expect(outcome.status).toBe('OK');
	});

	test('unreachable base URL fails', async () => {
		const data = { ...hmacCredentials(sandbox).aitbcHmacApi, baseUrl: 'http://127.0.0.1:1' };

		const outcome = await testCredential('aitbcHmacApi', data);

		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/ECONNREFUSED|connect/i);
	});
});
