import { startTestSandbox } from '../harness/sandbox';
import { createCharge, runAitbc, type TestSandbox } from '../payments/run';

const listResources = ['charge', 'refund', 'paymentMethod', 'subscription'];

describe('Get Many limits', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	describe.each(listResources)('%s', (resource) => {
		test.each([0, -5, 2.5, 'abc', null])('rejects Limit %j before any request', async (limit) => {
			const requestsBefore = sandbox.requests.length;

			const { result, json } = await runAitbc(
				sandbox,
				{ resource, operation: 'getAll', returnAll: false, limit: '={{ $json.limit }}' },
				[{ limit }],
			);

			expect(json).toEqual([]);
			expect(result.error?.message).toBe(
				`Invalid Limit in item 0: expected a whole number of 1 or more, got ${JSON.stringify(limit)}`,
			);
			expect(sandbox.requests.slice(requestsBefore)).toEqual([]);
		});

		test('Return All on an empty account', async () => {
			const empty = await startTestSandbox();
			try {
				const { result, json } = await runAitbc(empty, {
					resource,
					operation: 'getAll',
					returnAll: true,
				});

				expect(result.error).toBeUndefined();
				expect(json).toEqual([]);
				expect(empty.requests).toHaveLength(1);
				expect(empty.requests[0]).toContain('?limit=100 200');
			} finally {
				await empty.close();
			}
		});
	});

	test('huge Limit stops at the end of the list', async () => {
		for (let index = 0; index < 3; index++) await createCharge(sandbox, 100 + index);
		const requestsBefore = sandbox.requests.length;

		const { result, json } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'getAll',
			returnAll: false,
			limit: 1e12,
		});

		expect(result.error).toBeUndefined();
		expect(json).toHaveLength(3);
		expect(sandbox.requests.slice(requestsBefore)).toHaveLength(1);
	});

	test('Limit from an expression string is read as a number', async () => {
		const { result, json } = await runAitbc(
			sandbox,
			{ resource: 'charge', operation: 'getAll', returnAll: false, limit: '={{ $json.limit }}' },
			[{ limit: '2' }],
		);

		expect(result.error).toBeUndefined();
		expect(json).toHaveLength(2);
	});
});
