import { createHash, createHmac } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { sendWithCredential } from '../harness/credentialTest';
import { runWorkflow } from '../harness/engine';
import {
	hmacCredentials,
	requestsTo,
	startTestSandbox,
	TEST_API_KEY,
	TEST_API_SECRET,
} from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';
import { errorOf } from './helpers';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const createCharge = {
	authentication: 'hmac',
	resource: 'charge',
	operation: 'create',
	amount: 1250,
	currency: 'EUR',
	source: 'tok_visa',
};

async function echo(sandbox: TestSandbox, request: Partial<IHttpRequestOptions>, scheme = 'v2') {
	const result = await sendWithCredential(
		'aitbcHmacApi',
		hmacCredentials(sandbox, { signingScheme: scheme as 'v1' | 'v2' }).aitbcHmacApi,
		{ baseURL: `${sandbox.url}/_sandbox`, url: '/echo', method: 'POST', ...request },
	);
	if (result.error) throw result.error;
	const item = result.output('Credential Test')[0].json as { body: { data: IDataObject } };
	return item.body.data;
}

function sha256(text: string): string {
	return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

describe('HMAC credential', () => {
	let sandbox: TestSandbox;

	beforeEach(async () => {
		sandbox = await startTestSandbox();
	});

	afterEach(async () => {
		await sandbox.close();
	});

	describe.each(['v2', 'v1'] as const)('scheme %s', (signingScheme) => {
		test('creates and reads a charge', async () => {
			const credentials = hmacCredentials(sandbox, { signingScheme });

			const created = await runWorkflow(aitbcWorkflow(createCharge), { credentials });
			expect(created.error).toBeUndefined();
			const charge = created.output('AITBC')[0].json;
			expect(charge.amount).toBe(1250);
			expect(charge.currency).toBe('eur');

			const read = await runWorkflow(
				aitbcWorkflow({
					authentication: 'hmac',
					resource: 'charge',
					operation: 'get',
					chargeId: { __rl: true, mode: 'id', value: String(charge.id) },
				}),
				{ credentials },
			);
			expect(read.error).toBeUndefined();
			expect(read.output('AITBC')[0].json.id).toBe(charge.id);
			expect(read.output('AITBC')[0].json.amount).toBe(1250);
		});

		test('wrong secret is SIGNATURE_INVALID', async () => {
			const credentials = hmacCredentials(sandbox, { signingScheme, apiSecret: 'not-the-secret' });

			const result = await runWorkflow(aitbcWorkflow(createCharge), { credentials });

			expect(errorOf(result).message).toBe('The request signature does not match');
			expect(errorOf(result).description).toContain('SIGNATURE_INVALID (HTTP 401)');
			expect(errorOf(result).description).toContain('Check the API secret and signing scheme');
			expect(sandbox.context.state.created.charge ?? 0).toBe(0);
		});
	});

	test('unknown API key is AUTHENTICATION_ERROR', async () => {
		const credentials = hmacCredentials(sandbox, { apiKey: 'sk_test_unknown' });

		const result = await runWorkflow(aitbcWorkflow(createCharge), { credentials });

		expect(errorOf(result).message).toBe('Invalid API credentials');
		expect(errorOf(result).description).toContain('AUTHENTICATION_ERROR (HTTP 401)');
	});

	test('wrong secret is retried once, not looped', async () => {
		const credentials = hmacCredentials(sandbox, { apiSecret: 'not-the-secret' });

		await runWorkflow(aitbcWorkflow(createCharge), { credentials });

		// n8n re-authenticates and resends once after any 401 of a non-OAuth credential.
		expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges')).toHaveLength(2);
	});

	test('lists charges with a query string', async () => {
		const credentials = hmacCredentials(sandbox);
		for (let index = 0; index < 3; index++) {
			await runWorkflow(aitbcWorkflow(createCharge), { credentials });
		}

		const result = await runWorkflow(
			aitbcWorkflow({
				authentication: 'hmac',
				resource: 'charge',
				operation: 'getAll',
				returnAll: true,
				filters: { status: 'succeeded', createdGte: '2020-01-01T00:00:00Z' },
			}),
			{ credentials },
		);

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')).toHaveLength(3);
		const listRequests = requestsTo(sandbox.requests, 'GET', '/v1/payments/charges');
		expect(listRequests.length).toBeGreaterThan(0);
		for (const line of listRequests) {
			expect(line).toContain('status=succeeded');
			expect(line).toContain(' 200 ');
		}
	});
});

describe('HMAC signing clock tolerance', () => {
	// The signer floors the timestamp to whole seconds, so the accepted cases keep a second of margin.
	test.each([
		[301, 'SIGNATURE_EXPIRED'],
		[-301, 'SIGNATURE_EXPIRED'],
		[298, undefined],
		[-298, undefined],
	])('server clock %i s off gives %s', async (clockSkewSeconds, errorCode) => {
		const sandbox = await startTestSandbox({ clockSkewSeconds });
		try {
			const result = await runWorkflow(aitbcWorkflow(createCharge), {
				credentials: hmacCredentials(sandbox),
			});

			if (errorCode === undefined) {
				expect(result.error).toBeUndefined();
			} else {
				expect(errorOf(result).message).toMatch(
					/^X-Timestamp is 30\d seconds from the server clock/,
				);
				expect(errorOf(result).description).toContain(`${errorCode} (HTTP 401)`);
				expect(errorOf(result).description).toContain("Check this machine's clock");
			}
		} finally {
			await sandbox.close();
		}
	});
});

describe('HMAC signature covers the bytes sent', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});

	afterAll(async () => {
		await sandbox.close();
	});

	test.each(['v2', 'v1'])('non-ASCII body verifies with %s', async (scheme) => {
		const body = { name: 'Zoë ₹ മലയാളം', memo: '😊' };

		const received = await echo(sandbox, { body }, scheme);

		expect(received.body_text).toBe('{"name":"Zoë ₹ മലയാളം","memo":"😊"}');
		expect(received.body_sha256).toBe(sha256('{"name":"Zoë ₹ മലയാളം","memo":"😊"}'));
		expect(received.content_type).toBe('application/json');
	});

	test('unsorted keys keep their order', async () => {
		const received = await echo(sandbox, { body: { zeta: 1, alpha: { mu: true, beta: null } } });

		expect(received.body_text).toBe('{"zeta":1,"alpha":{"mu":true,"beta":null}}');
	});

	test('JSON string body is signed as sent', async () => {
		const received = await echo(sandbox, {
			body: '  {"b":2,"a":1}\n',
			headers: { 'Content-Type': 'application/json' },
		});

		expect(received.body_text).toBe('{"b":2,"a":1}');
	});

	test.each([
		['empty object', {}],
		['empty string', ''],
	])('POST with %s sends no body', async (_label, body) => {
		const received = await echo(sandbox, { body });

		expect(received.body_text).toBe('');
		expect(received.body_sha256).toBe(sha256(''));
	});

	test('GET with a query string verifies', async () => {
		const received = await echo(sandbox, {
			method: 'GET',
			qs: {
				q: 'Zoë ₹ & friends',
				quote: "it's (ok)*!",
				ids: ['ch_1', 'ch_2'],
				range: { gte: 5 },
				empty: null,
			},
		});

		expect(received.method).toBe('GET');
		expect(received.target).toBe(
			'/_sandbox/echo?q=Zo%C3%AB%20%E2%82%B9%20%26%20friends&quote=it%27s%20%28ok%29%2A%21' +
				'&ids%5B0%5D=ch_1&ids%5B1%5D=ch_2&range%5Bgte%5D=5&empty=',
		);
	});

	test('query already in the URL is kept', async () => {
		const received = await echo(sandbox, { method: 'GET', url: '/echo?b=2', qs: { a: 1 } });

		expect(received.target).toBe('/_sandbox/echo?b=2&a=1');
	});

	test('tenant headers are sent', async () => {
		const credentials = {
			...hmacCredentials(sandbox).aitbcHmacApi,
			tenantId: 'tenant_42',
			enterpriseId: 'ent_7',
		};

		const result = await sendWithCredential('aitbcHmacApi', credentials, {
			baseURL: `${sandbox.url}/v1`,
			url: '/account',
			method: 'GET',
		});

		const account = (result.output('Credential Test')[0].json.body as { data: IDataObject }).data;
		expect(account.tenant_id).toBe('tenant_42');
		expect(account.enterprise_id).toBe('ent_7');
	});
});

describe('HMAC signature checked by hand', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});

	afterAll(async () => {
		await sandbox.close();
	});

	function sign(message: string): string {
		return createHmac('sha256', TEST_API_SECRET).update(message, 'utf8').digest('hex');
	}

	async function post(target: string, body: string, timestamp: number, signature: string) {
		return await fetch(`${sandbox.url}${target}`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-API-Key': TEST_API_KEY,
				'X-Timestamp': String(timestamp),
				'X-Signature': signature,
			},
			body,
		});
	}

	test('v2 over another body is rejected', async () => {
		const timestamp = Math.floor(Date.now() / 1000);
		const signed = `${timestamp}\nPOST\n/_sandbox/echo\n${sha256('{"a":1}')}`;

		const response = await post('/_sandbox/echo', '{"a":2}', timestamp, sign(signed));

		expect(response.status).toBe(401);
		expect(((await response.json()) as IDataObject).error_code).toBe('SIGNATURE_INVALID');
	});

	test('v2 over another path is rejected', async () => {
		const timestamp = Math.floor(Date.now() / 1000);
		const signed = `${timestamp}\nPOST\n/_sandbox/echo?x=1\n${sha256('{}')}`;

		const response = await post('/_sandbox/echo', '{}', timestamp, sign(signed));

		expect(response.status).toBe(401);
	});

	test('timestamp 301 s old is SIGNATURE_EXPIRED', async () => {
		const timestamp = Math.floor(Date.now() / 1000) - 301;
		const signed = `${timestamp}\nPOST\n/_sandbox/echo\n${sha256('{}')}`;

		const response = await post('/_sandbox/echo', '{}', timestamp, sign(signed));

		expect(response.status).toBe(401);
		expect(((await response.json()) as IDataObject).error_code).toBe('SIGNATURE_EXPIRED');
	});

	test('v1 signature is accepted', async () => {
		const timestamp = Math.floor(Date.now() / 1000);

		const response = await post(
			'/_sandbox/echo',
			'{}',
			timestamp,
			sign(`${timestamp}:${TEST_API_KEY}`),
		);

		expect(response.status).toBe(200);
	});
});
