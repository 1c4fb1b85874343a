import { request } from 'node:http';

import { runAitbc } from '../payments/run';
import { startTestSandbox, TEST_API_KEY } from '../harness/sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Record<string, unknown>;
}

/** Sends one request with node:http, so the path goes out byte for byte as written. */
function send(
	sandbox: TestSandbox,
	method: string,
	path: string,
	body?: string,
	headers: Record<string, string> = {},
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const outgoing = request(
			`${sandbox.url}${path}`,
			{
				method,
				headers: {
					Authorization: `Bearer ${TEST_API_KEY}`,
					'Content-Type': 'application/json',
					...headers,
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
					}),
				);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

const chargeBody = JSON.stringify({ amount: 1200, currency: 'usd', source: 'tok_visa' });

describe('sandbox contract under hostile input', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	describe('idempotency', () => {
		test('replay returns the same charge', async () => {
			const headers = { 'Idempotency-Key': 'order-17' };
			const first = await send(sandbox, 'POST', '/v1/payments/charges', chargeBody, headers);
			const created = sandbox.context.state.charges.size;
			const second = await send(sandbox, 'POST', '/v1/payments/charges', chargeBody, headers);

			expect(first.status).toBe(201);
			expect(first.headers['idempotent-replayed']).toBeUndefined();
			expect(second.status).toBe(201);
			expect(second.headers['idempotent-replayed']).toBe('true');
			expect(second.body.data).toEqual(first.body.data);
			expect(sandbox.context.state.charges.size).toBe(created);
		});

		test('same key with another body conflicts', async () => {
			const headers = { 'Idempotency-Key': 'order-18' };
			await send(sandbox, 'POST', '/v1/payments/charges', chargeBody, headers);
			const otherBody = JSON.stringify({ amount: 1201, currency: 'usd', source: 'tok_visa' });

			const response = await send(sandbox, 'POST', '/v1/payments/charges', otherBody, headers);

			expect(response.status).toBe(409);
			expect(response.body.error_code).toBe('IDEMPOTENCY_CONFLICT');
			expect(response.headers['idempotent-replayed']).toBeUndefined();
		});

		test('same key on another path conflicts', async () => {
			const headers = { 'Idempotency-Key': 'order-19' };
			await send(sandbox, 'POST', '/v1/payments/charges', chargeBody, headers);

			const response = await send(sandbox, 'POST', '/v1/payments/refunds', chargeBody, headers);

			expect(response.status).toBe(409);
			expect(response.body.error_code).toBe('IDEMPOTENCY_CONFLICT');
		});

		test('declined charge is replayed as declined', async () => {
			const headers = { 'Idempotency-Key': 'order-20' };
			const declined = JSON.stringify({ amount: 5, currency: 'usd', source: 'tok_chargeDeclined' });
			const first = await send(sandbox, 'POST', '/v1/payments/charges', declined, headers);
			const second = await send(sandbox, 'POST', '/v1/payments/charges', declined, headers);

			expect(first.status).toBe(422);
			expect(second.status).toBe(422);
			expect(second.headers['idempotent-replayed']).toBe('true');
			expect(second.body).toEqual(first.body);
		});

		test('empty key is rejected', async () => {
			const created = sandbox.context.state.charges.size;

			const response = await send(sandbox, 'POST', '/v1/payments/charges', chargeBody, {
				'Idempotency-Key': '',
			});

			expect(response.status).toBe(400);
			expect(response.body.error_code).toBe('VALIDATION_ERROR');
			expect(response.body.details).toEqual({ field: 'Idempotency-Key' });
			expect(sandbox.context.state.charges.size).toBe(created);
		});

		test('key over 255 characters is rejected', async () => {
			const response = await send(sandbox, 'POST', '/v1/payments/charges', chargeBody, {
				'Idempotency-Key': 'k'.repeat(256),
			});

			expect(response.status).toBe(400);
			expect(response.body.details).toEqual({ field: 'Idempotency-Key' });
		});
	});

	describe('pagination', () => {
		test('cursor to an unknown id', async () => {
			const response = await send(sandbox, 'GET', '/v1/payments/charges?starting_after=ch_nope');

			expect(response.status).toBe(400);
			expect(response.body.error_code).toBe('VALIDATION_ERROR');
			expect(response.body.details).toEqual({ field: 'starting_after' });
		});

		test('cursor from another resource', async () => {
			const charge = await send(sandbox, 'POST', '/v1/payments/charges', chargeBody);
			const chargeId = (charge.body.data as { id: string }).id;

			const response = await send(
				sandbox,
				'GET',
				`/v1/payments/refunds?starting_after=${chargeId}`,
			);

			expect(response.status).toBe(400);
			expect(response.body.details).toEqual({ field: 'starting_after' });
		});

		test.each(['0', '-1', '101', '2.5', 'ten'])('limit=%s is rejected', async (limit) => {
			const response = await send(sandbox, 'GET', `/v1/payments/charges?limit=${limit}`);

			expect(response.status).toBe(400);
			expect(response.body.details).toEqual({ field: 'limit' });
		});

		test.each(['1', '100'])('limit=%s is accepted', async (limit) => {
			const response = await send(sandbox, 'GET', `/v1/payments/charges?limit=${limit}`);

			expect(response.status).toBe(200);
		});
	});

	describe('request parsing', () => {
		test('malformed percent-encoding in an ID', async () => {
			const response = await send(sandbox, 'GET', '/v1/payments/charges/%E0%A4%A');

			expect(response.status).toBe(400);
			expect(response.body.error_code).toBe('VALIDATION_ERROR');
			expect(response.body.error).toBe('The request path is not valid percent-encoding');
		});

		test('oversized body gets a 413 answer', async () => {
			const huge = JSON.stringify({ ...JSON.parse(chargeBody), description: 'x'.repeat(6e6) });

			const response = await send(sandbox, 'POST', '/v1/payments/charges', huge);

			expect(response.status).toBe(413);
			expect(response.body.error).toBe('Request body exceeds 5242880 bytes');
		});

		test('node reports the 413 for huge metadata', async () => {
			const { result } = await runAitbc(
				sandbox,
				{
					resource: 'charge',
					operation: 'create',
					amount: 100,
					currency: 'usd',
					source: 'tok_visa',
					additionalFields: { metadata: '={{ $json.metadata }}' },
				},
				[{ metadata: { note: 'x'.repeat(6e6) } }],
			);

			expect(result.error?.message).toBe('Request body exceeds 5242880 bytes');
		});
	});
});
