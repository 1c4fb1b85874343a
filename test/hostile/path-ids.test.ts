import type { INodeParameters } from 'n8n-workflow';

import { startTestSandbox } from '../harness/sandbox';
import { byId, createCharge, runAitbc, type TestSandbox } from '../payments/run';

// IDs come from expressions, which skip the editor's ID pattern check. An empty or dot-only ID
// would make the request path `/payments/charges/` (the list route) or climb a level up.
const hostileIds = ['', '   ', '.', '..', ' .. '];

const idOperations: Array<{ name: string; parameters: INodeParameters; field: string }> = [
	{
		name: 'charge get',
		parameters: { resource: 'charge', operation: 'get', chargeId: byId('={{ $json.id }}') },
		field: 'Charge',
	},
	{
		name: 'refund get',
		parameters: { resource: 'refund', operation: 'get', refundId: '={{ $json.id }}' },
		field: 'Refund ID',
	},
	{
		name: 'payment method get',
		parameters: {
			resource: 'paymentMethod',
			operation: 'get',
			paymentMethodId: '={{ $json.id }}',
		},
		field: 'Payment Method ID',
	},
	{
		name: 'subscription get',
		parameters: {
			resource: 'subscription',
			operation: 'get',
			subscriptionId: byId('={{ $json.id }}'),
		},
		field: 'Subscription',
	},
	{
		name: 'subscription cancel',
		parameters: {
			resource: 'subscription',
			operation: 'cancel',
			subscriptionId: byId('={{ $json.id }}'),
			cancelAt: 'now',
		},
		field: 'Subscription',
	},
];

describe('IDs in the request path', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	describe.each(idOperations)('$name', ({ parameters, field }) => {
		test.each(hostileIds)('rejects %j before any request', async (id) => {
			const requestsBefore = sandbox.requests.length;

			const { result, json } = await runAitbc(sandbox, parameters, [{ id }]);

			expect(json).toEqual([]);
			expect(result.error?.message).toBe(
				`Invalid ${field} in item 0: expected an ID, got ${JSON.stringify(id)}`,
			);
			expect(sandbox.requests.slice(requestsBefore)).toEqual([]);
		});

		test('rejects an object from an expression', async () => {
			const { result } = await runAitbc(sandbox, parameters, [{ id: { nested: 'ch_1' } }]);

			expect(result.error?.message).toBe(
				`Invalid ${field} in item 0: expected an ID, got {"nested":"ch_1"}`,
			);
		});
	});

	test('slashes stay inside one path segment', async () => {
		const { result } = await runAitbc(
			sandbox,
			{ resource: 'charge', operation: 'get', chargeId: byId('={{ $json.id }}') },
			[{ id: '../refunds' }],
		);

		expect(result.error?.message).toBe('No such charge: ../refunds');
		expect(sandbox.requests[sandbox.requests.length - 1]).toContain(
			'GET /v1/payments/charges/..%2Frefunds 404',
		);
	});

	test('Continue On Fail pairs bad IDs and fetches good ones', async () => {
		const charge = await createCharge(sandbox, 4200);

		const { result, json } = await runAitbc(
			sandbox,
			{ resource: 'charge', operation: 'get', chargeId: byId('={{ $json.id }}') },
			[{ id: '' }, { id: charge.id }, { id: '..' }, { id: 'ch_missing' }],
			{ continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(json[0].error).toBe('Invalid Charge in item 0: expected an ID, got ""');
		expect(json[1].id).toBe(charge.id);
		expect(json[1].amount).toBe(4200);
		expect(json[2].error).toBe('Invalid Charge in item 2: expected an ID, got ".."');
		expect(json[3].error).toBe('No such charge: ch_missing');
	});
});

describe('charge ID in a refund body', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	test.each([
		[{ nested: 'ch_1' }, '{"nested":"ch_1"}'],
		[42, '42'],
	])('rejects %j as a charge ID', async (id, shown) => {
		const { result } = await runAitbc(
			sandbox,
			{ resource: 'refund', operation: 'create', chargeId: byId('={{ $json.id }}') },
			[{ id }],
		);

		expect(result.error?.message).toBe(`Invalid Charge in item 0: expected an ID, got ${shown}`);
		expect(sandbox.requests).toEqual([]);
	});
});
