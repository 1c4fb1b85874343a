import type { IDataObject } from 'n8n-workflow';

import { runListSearch } from '../harness/listSearch';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { byId, runAitbc, sandboxApi, type TestSandbox } from './run';

async function createSubscription(sandbox: TestSandbox, customer: string): Promise<IDataObject> {
	const envelope = await sandboxApi(sandbox, 'POST', '/payments/subscriptions', {
		customer,
		items: [{ price: 'price_basic', quantity: 1 }],
	});
	return envelope.data as IDataObject;
}

describe('subscription operations', () => {
	let sandbox: TestSandbox;
	let events: Array<{ type: string; object: IDataObject }>;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
		sandbox.context.emit = (type, object) => {
			events.push({ type, object: structuredClone(object) as IDataObject });
		};
	});
	beforeEach(() => {
		events = [];
	});
	afterAll(async () => {
		await sandbox.close();
	});

	test('create sends every item and metadata', async () => {
		const { json, result } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'create',
			customer: 'cus_alpha',
			items: {
				item: [
					{ price: 'price_pro_monthly', quantity: 3 },
					{ price: 'price_support', quantity: 1 },
				],
			},
			additionalFields: { metadata: '{"plan": "pro"}' },
		});

		expect(result.error).toBeUndefined();
		const [subscription] = json;
		expect(subscription.id).toMatch(/^sub_/);
		expect(subscription.status).toBe('active');
		expect(subscription.customer_id).toBe('cus_alpha');
		expect(subscription.items).toEqual([
			{ price: 'price_pro_monthly', quantity: 3 },
			{ price: 'price_support', quantity: 1 },
		]);
		expect(subscription.metadata).toEqual({ plan: 'pro' });
		expect(subscription.cancel_at_period_end).toBe(false);
		expect(events.map((event) => event.type)).toEqual(['subscription.created']);
	});

	test('create one per input item from expressions', async () => {
		const { json } = await runAitbc(
			sandbox,
			{
				resource: 'subscription',
				operation: 'create',
				customer: '={{ $json.customer }}',
				items: { item: [{ price: '={{ $json.price }}', quantity: '={{ $json.seats }}' }] },
			},
			[
				{ customer: 'cus_one', price: 'price_a', seats: 2 },
				{ customer: 'cus_two', price: 'price_b', seats: 5 },
			],
		);

		expect(json.map((subscription) => subscription.customer_id)).toEqual(['cus_one', 'cus_two']);
		expect(json.map((subscription) => subscription.items)).toEqual([
			[{ price: 'price_a', quantity: 2 }],
			[{ price: 'price_b', quantity: 5 }],
		]);
	});

	test('create without items names the field', async () => {
		const { result } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'create',
			customer: 'cus_alpha',
			items: {},
		});

		expect(result.error?.message).toBe('Invalid Items in item 0: no item was added');
	});

	test('create with an empty price names the item', async () => {
		const { result } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'create',
			customer: 'cus_alpha',
			items: {
				item: [
					{ price: 'price_a', quantity: 1 },
					{ price: ' ', quantity: 1 },
				],
			},
		});

		expect(result.error?.message).toBe('Invalid Items (item 2) in item 0: the Price ID is empty');
	});

	test('get returns the subscription', async () => {
		const subscription = await createSubscription(sandbox, 'cus_get');

		const { json } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'get',
			subscriptionId: byId(subscription.id as string),
		});

		expect(json).toEqual([subscription]);
	});

	test('cancel at period end keeps it active', async () => {
		const subscription = await createSubscription(sandbox, 'cus_cancel');
		events = [];

		const { json } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'cancel',
			subscriptionId: byId(subscription.id as string),
			cancelAt: 'periodEnd',
		});

		expect(json[0].status).toBe('active');
		expect(json[0].cancel_at_period_end).toBe(true);
		expect(json[0].canceled_at).toBeNull();
		expect(events.map((event) => event.type)).toEqual(['subscription.updated']);
	});

	test('cancel immediately ends it', async () => {
		const subscription = await createSubscription(sandbox, 'cus_cancel');
		events = [];

		const { json } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'cancel',
			subscriptionId: byId(subscription.id as string),
			cancelAt: 'now',
		});

		expect(json[0].status).toBe('canceled');
		expect(json[0].cancel_at_period_end).toBe(false);
		expect(typeof json[0].canceled_at).toBe('string');
		expect(json[0].ended_at).toBe(json[0].canceled_at);
		expect(events.map((event) => event.type)).toEqual(['subscription.canceled']);
	});

	test('cancel twice is rejected', async () => {
		const subscription = await createSubscription(sandbox, 'cus_cancel');
		await sandboxApi(sandbox, 'POST', `/payments/subscriptions/${subscription.id}/cancel`, {
			at_period_end: false,
		});

		const { result } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'cancel',
			subscriptionId: byId(subscription.id as string),
			cancelAt: 'now',
		});

		expect(result.error?.message).toBe(`Subscription ${subscription.id} is already canceled`);
	});

	test('get many filters by customer and status', async () => {
		for (let index = 0; index < 140; index++) {
			await createSubscription(sandbox, `cus_bulk_${index % 7}`);
		}
		const activeSubscription = await createSubscription(sandbox, 'cus_target');
		const canceled = await createSubscription(sandbox, 'cus_target');
		await sandboxApi(sandbox, 'POST', `/payments/subscriptions/${canceled.id}/cancel`, {
			at_period_end: false,
		});
		sandbox.requests.length = 0;

		const active = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
			filters: { customer: 'cus_target', status: 'active' },
		});
		const all = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
			filters: { customer: 'cus_target' },
		});

		expect(sandbox.context.state.subscriptions.size).toBeGreaterThan(140);
		expect(active.json.map((subscription) => subscription.id)).toEqual([activeSubscription.id]);
		expect(all.json.map((subscription) => subscription.id)).toEqual([
			canceled.id,
			activeSubscription.id,
		]);
		const calls = requestsTo(sandbox.requests, 'GET', '/v1/payments/subscriptions');
		expect(calls).toHaveLength(2);
		expect(calls[0]).toContain('customer=cus_target');
		expect(calls[0]).toContain('status=active');
	});

	test('get many for an unknown customer is empty', async () => {
		const { json, result } = await runAitbc(sandbox, {
			resource: 'subscription',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { customer: 'cus_nobody' },
		});

		expect(result.error).toBeUndefined();
		expect(json).toEqual([]);
	});

	test('list search pages through subscriptions', async () => {
		const parameters = { resource: 'subscription', operation: 'get' };
		const credentials = bearerCredentials(sandbox);

		const first = await runListSearch('searchSubscriptions', parameters, credentials);
		const second = await runListSearch(
			'searchSubscriptions',
			parameters,
			credentials,
			undefined,
			first.paginationToken,
		);

		const total = sandbox.context.state.subscriptions.size;
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe(first.results[99].value);
		expect(first.results.length + second.results.length).toBe(Math.min(total, 200));
		const ids = [...first.results, ...second.results].map((entry) => entry.value);
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('list search filters by text', async () => {
		const { results } = await runListSearch(
			'searchSubscriptions',
			{ resource: 'subscription', operation: 'get' },
			bearerCredentials(sandbox),
			'CUS_TARGET',
		);

		expect(results.length).toBe(2);
		expect(results.every((entry) => entry.name.includes('cus_target'))).toBe(true);
	});
});
