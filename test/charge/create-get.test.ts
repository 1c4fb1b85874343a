import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeEach(async () => {
	sandbox = await startTestSandbox();
});

afterEach(async () => {
	await sandbox.close();
});

describe('Charge Create and Get', () => {
	test('create then get returns the same charge', async () => {
		const created = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'create',
				amount: 1050,
				currency: 'EUR',
				source: 'tok_visa',
				additionalFields: { description: 'Order A-17', metadata: '{"order": "A-17"}' },
			}),
			{ credentials: bearerCredentials(sandbox) },
		);
		expect(created.error).toBeUndefined();

		const [charge] = created.output('AITBC');
		expect(charge.json.id).toMatch(/^ch_/);
		expect(charge.json).toMatchObject({
			amount: 1050,
			currency: 'eur',
			status: 'succeeded',
			description: 'Order A-17',
			metadata: { order: 'A-17' },
		});
		expect(charge.json).not.toHaveProperty('success');

		const fetched = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'get',
				chargeId: { __rl: true, mode: 'id', value: charge.json.id as string },
				simplify: false,
			}),
			{ credentials: bearerCredentials(sandbox) },
		);
		expect(fetched.error).toBeUndefined();
		expect(fetched.output('AITBC').map((item) => item.json)).toEqual([charge.json]);
	});

	test('one item per input, each paired', async () => {
		const result = await runWorkflow(
			aitbcWorkflow(
				{
					resource: 'charge',
					operation: 'create',
					amount: '={{ $json.amount }}',
					currency: 'usd',
					source: 'tok_visa',
				},
				[{ amount: 100 }, { amount: 200 }, { amount: 300 }],
			),
			{ credentials: bearerCredentials(sandbox) },
		);

		const items = result.output('AITBC');
		expect(items.map((item) => item.json.amount)).toEqual([100, 200, 300]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges')).toHaveLength(3);
	});

	test('zero-decimal currency amount is sent unchanged', async () => {
		const result = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'create',
				amount: 80,
				currency: 'jpy',
				source: 'tok_visa',
			}),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.output('AITBC')[0].json).toMatchObject({ amount: 80, currency: 'jpy' });
	});

	test('unknown charge id fails with the AITBC message', async () => {
		const result = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'get',
				chargeId: { __rl: true, mode: 'id', value: 'ch_missing' },
			}),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error?.message).toBe('No such charge: ch_missing');
		expect((result.error as unknown as { description: string }).description).toContain(
			'NOT_FOUND (HTTP 404)',
		);
	});

	test('wrong API key gives an authentication error', async () => {
		const result = await runWorkflow(
			aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: false, limit: 5 }),
			{ credentials: bearerCredentials(sandbox, 'sk_test_wrong') },
		);

		expect(result.error?.message).toBe('Invalid API credentials');
		const description = (result.error as unknown as { description: string }).description;
		expect(description).toContain('AUTHENTICATION_ERROR (HTTP 401)');
		expect(description).toContain('Check the API key');
		expect(JSON.stringify(result.error)).not.toContain('sk_test_wrong');
	});

	test('declined card surfaces the decline code', async () => {
		const result = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'create',
				amount: 500,
				currency: 'usd',
				source: 'tok_chargeDeclined',
			}),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error?.message).toBe('Your card was declined');
		expect(
			(result.error as unknown as { context: { details: object } }).context.details,
		).toMatchObject({
			decline_code: 'card_declined',
		});
	});
});
