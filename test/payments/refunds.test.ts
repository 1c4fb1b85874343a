import type { IDataObject } from 'n8n-workflow';

import { requestsTo, startTestSandbox } from '../harness/sandbox';
import { byId, createCharge, runAitbc, sandboxApi, type TestSandbox } from './run';

describe('refund operations', () => {
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

	test('create without amount refunds what is left', async () => {
		const charge = await createCharge(sandbox, 1000);
		await sandboxApi(sandbox, 'POST', '/payments/refunds', { charge_id: charge.id, amount: 300 });

		const { json } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'create',
			chargeId: byId(charge.id as string),
		});

		expect(json).toHaveLength(1);
		expect(json[0].amount).toBe(700);
		expect(json[0].charge_id).toBe(charge.id);
		expect(json[0].status).toBe('succeeded');
		const stored = sandbox.context.state.charges.require(charge.id as string);
		expect(stored.amount_refunded).toBe(1000);
		expect(stored.status).toBe('refunded');
		expect(stored.refunds).toHaveLength(2);
		expect(stored.refunds[1]).toBe(json[0].id);
	});

	test('partial refund keeps the charge succeeded', async () => {
		const charge = await createCharge(sandbox, 1000);

		const { json } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'create',
			chargeId: byId(charge.id as string),
			additionalFields: { amount: 250, reason: 'duplicate', metadata: '{"ticket": "T-9"}' },
		});

		expect(json[0].amount).toBe(250);
		expect(json[0].reason).toBe('duplicate');
		expect(json[0].metadata).toEqual({ ticket: 'T-9' });
		const stored = sandbox.context.state.charges.require(charge.id as string);
		expect(stored.status).toBe('succeeded');
		expect(stored.amount_refunded).toBe(250);
		expect(stored.refunds).toEqual([json[0].id]);
	});

	test('create emits refund.created and charge.refunded', async () => {
		const charge = await createCharge(sandbox, 400);
		events = [];

		const { json } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'create',
			chargeId: byId(charge.id as string),
		});

		expect(events.map((event) => event.type)).toEqual(['refund.created', 'charge.refunded']);
		expect(events[0].object.id).toBe(json[0].id);
		expect(events[1].object.id).toBe(charge.id);
		expect(events[1].object.status).toBe('refunded');
		expect(events[1].object.amount_refunded).toBe(400);
	});

	test('refund of 80 JPY stays 80', async () => {
		const charge = await createCharge(sandbox, 80, 'jpy');

		const { json } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'create',
			chargeId: byId(charge.id as string),
			additionalFields: { amount: 80 },
		});

		expect(json[0].amount).toBe(80);
		expect(json[0].currency).toBe('jpy');
	});

	test('refund larger than what is left fails', async () => {
		const charge = await createCharge(sandbox, 500);
		await sandboxApi(sandbox, 'POST', '/payments/refunds', { charge_id: charge.id, amount: 200 });

		const { result } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'create',
			chargeId: byId(charge.id as string),
			additionalFields: { amount: 400 },
		});

		expect(result.error?.message).toBe(
			`Refund amount 400 is more than the 300 left to refund on charge ${charge.id}`,
		);
		expect((result.error as { description?: string }).description).toBe(
			'VALIDATION_ERROR (HTTP 400) · field: amount',
		);
		const stored = sandbox.context.state.charges.require(charge.id as string);
		expect(stored.amount_refunded).toBe(200);
		expect(stored.refunds).toHaveLength(1);
	});

	test('too large refund is an error item under Continue On Fail', async () => {
		const charge = await createCharge(sandbox, 500);
		const other = await createCharge(sandbox, 500);

		const { json, result } = await runAitbc(
			sandbox,
			{
				resource: 'refund',
				operation: 'create',
				chargeId: byId('={{ $json.charge }}'),
				additionalFields: { amount: '={{ $json.amount }}' },
			},
			[
				{ charge: charge.id, amount: 600 },
				{ charge: other.id, amount: 500 },
			],
			{ onError: 'continueRegularOutput' },
		);

		expect(result.error).toBeUndefined();
		expect(json).toHaveLength(2);
		expect(json[0].error).toBe(
			`Refund amount 600 is more than the 500 left to refund on charge ${charge.id}`,
		);
		expect(json[1].amount).toBe(500);
		const items = result.output('AITBC');
		const error = items[0].error as unknown as { context: IDataObject };
		expect(error.context.errorCode).toBe('VALIDATION_ERROR');
		expect(error.context.details).toEqual({ field: 'amount', amount_refundable: 500 });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test('create with an empty charge expression names the field', async () => {
		const { result } = await runAitbc(
			sandbox,
			{ resource: 'refund', operation: 'create', chargeId: byId('={{ $json.charge }}') },
			[{ charge: '' }],
		);

		expect(result.error?.message).toBe('Invalid Charge in item 0: no charge is selected');
	});

	test('create with amount 0 asks to remove it', async () => {
		const charge = await createCharge(sandbox, 500);

		const { result } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'create',
			chargeId: byId(charge.id as string),
			additionalFields: { amount: 0 },
		});

		expect(result.error?.message).toBe(
			'Invalid Amount in item 0: expected a positive whole number, got 0',
		);
		expect((result.error as { description?: string }).description).toBe(
			'Enter the amount in minor units, or remove Amount to refund what is left.',
		);
		expect(sandbox.context.state.charges.require(charge.id as string).refunds).toEqual([]);
	});

	test('create for an unknown charge is not found', async () => {
		const { result } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'create',
			chargeId: byId('ch_missing'),
		});

		expect(result.error?.message).toBe('No such charge: ch_missing');
		expect((result.error as { description?: string }).description).toBe(
			'NOT_FOUND (HTTP 404) · field: charge_id',
		);
	});

	test('get returns the refund', async () => {
		const charge = await createCharge(sandbox, 900);
		const created = await sandboxApi(sandbox, 'POST', '/payments/refunds', {
			charge_id: charge.id,
		});
		const refund = created.data as IDataObject;

		const { json } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'get',
			refundId: refund.id as string,
		});

		expect(json).toEqual([refund]);
	});

	test('get many filters by charge in a long list', async () => {
		for (let index = 0; index < 120; index++) {
			const charge = await createCharge(sandbox, 100);
			await sandboxApi(sandbox, 'POST', '/payments/refunds', { charge_id: charge.id });
		}
		const target = await createCharge(sandbox, 1000);
		const first = await sandboxApi(sandbox, 'POST', '/payments/refunds', {
			charge_id: target.id,
			amount: 100,
		});
		for (let index = 0; index < 30; index++) {
			const charge = await createCharge(sandbox, 100);
			await sandboxApi(sandbox, 'POST', '/payments/refunds', { charge_id: charge.id });
		}
		const second = await sandboxApi(sandbox, 'POST', '/payments/refunds', {
			charge_id: target.id,
			amount: 100,
		});
		sandbox.requests.length = 0;

		const { json } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'getAll',
			returnAll: true,
			filters: { chargeId: byId(target.id as string) },
		});

		expect(sandbox.context.state.refunds.size).toBeGreaterThan(150);
		expect(json.map((refund) => refund.id)).toEqual([
			(second.data as IDataObject).id,
			(first.data as IDataObject).id,
		]);
		const calls = requestsTo(sandbox.requests, 'GET', '/v1/payments/refunds');
		expect(calls).toHaveLength(1);
		expect(calls[0]).toContain(`charge_id=${target.id}`);
	});

	test('get many with a limit walks pages', async () => {
		sandbox.requests.length = 0;

		const { json } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'getAll',
			returnAll: false,
			limit: 130,
		});

		expect(json).toHaveLength(130);
		expect(new Set(json.map((refund) => refund.id)).size).toBe(130);
		expect(requestsTo(sandbox.requests, 'GET', '/v1/payments/refunds')).toHaveLength(2);
	});

	test('get many of a charge without refunds is empty', async () => {
		const charge = await createCharge(sandbox, 100);

		const { json, result } = await runAitbc(sandbox, {
			resource: 'refund',
			operation: 'getAll',
			returnAll: true,
			filters: { chargeId: byId(charge.id as string) },
		});

		expect(result.error).toBeUndefined();
		expect(json).toEqual([]);
	});
});
