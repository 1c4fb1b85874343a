import { runListSearch } from '../harness/listSearch';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { byId, createCharge, runAitbc, sandboxApi, type TestSandbox } from './run';

const SIMPLE_FIELDS = [
	'amount',
	'amount_refunded',
	'created_at',
	'currency',
	'description',
	'id',
	'status',
];

/** Returns a time bound that excludes charges the tests create: seeded ones are a minute old or more. */
function seededOnly(): string {
	return new Date(Date.now() - 30_000).toISOString();
}

describe('charge operations', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox({ seedCharges: 250 });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	test('create keeps 80 JPY as 80', async () => {
		const { json } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'create',
			amount: 80,
			currency: 'JPY',
			source: 'tok_visa',
		});

		expect(json).toHaveLength(1);
		expect(json[0].amount).toBe(80);
		expect(json[0].currency).toBe('jpy');
		expect(json[0].refunds).toEqual([]);
	});

	test('create with Simplify returns the fixed fields', async () => {
		const { json } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'create',
			amount: 1050,
			currency: 'Usd',
			source: 'tok_visa',
			simplify: true,
		});

		expect(Object.keys(json[0]).sort()).toEqual(SIMPLE_FIELDS);
		expect(json[0].currency).toBe('usd');
	});

	test('get simplifies by default', async () => {
		const charge = await createCharge(sandbox, 500);

		const { json } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'get',
			chargeId: byId(charge.id as string),
		});

		expect(json[0].id).toBe(charge.id);
		expect(Object.keys(json[0]).sort()).toEqual(SIMPLE_FIELDS);
	});

	test('get without Simplify returns the whole charge', async () => {
		const charge = await createCharge(sandbox, 500);

		const { json } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'get',
			chargeId: byId(charge.id as string),
			simplify: false,
		});

		expect(json[0]).toEqual(charge);
	});

	test('offsets 0, 100, 200 do not overlap', async () => {
		const pages: string[][] = [];
		for (const offset of [0, 100, 200]) {
			const { json } = await runAitbc(sandbox, {
				resource: 'charge',
				operation: 'getAll',
				returnAll: false,
				limit: 100,
				filters: { createdLte: seededOnly() },
				options: { offset },
			});
			pages.push(json.map((charge) => charge.id as string));
		}

		expect(pages[0]).toHaveLength(100);
		expect(pages[1]).toHaveLength(100);
		expect(pages[2]).toHaveLength(50);
		const all = pages.flat();
		expect(new Set(all).size).toBe(250);
		const seeded = sandbox.context.state.charges
			.all()
			.slice(0, 250)
			.map((charge) => charge.id)
			.reverse();
		expect(all).toEqual(seeded);
	});

	test('offset with Return All pages by offset', async () => {
		sandbox.requests.length = 0;

		const { json } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'succeeded', createdLte: seededOnly() },
			options: { offset: 100 },
		});

		// 225 of the 250 seeded charges succeeded (every tenth failed), so 125 remain after 100.
		expect(json).toHaveLength(125);
		expect(new Set(json.map((charge) => charge.id)).size).toBe(125);
		const calls = requestsTo(sandbox.requests, 'GET', '/v1/payments/charges');
		expect(calls).toHaveLength(2);
		expect(calls[0]).toContain('offset=100');
		expect(calls[1]).toContain('offset=200');
		expect(calls[1]).not.toContain('starting_after');
	});

	test('get many filter, few matches', async () => {
		const refunded = await createCharge(sandbox, 700);
		await sandboxApi(sandbox, 'POST', '/payments/refunds', { charge_id: refunded.id });
		sandbox.requests.length = 0;

		const { json } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'refunded' },
		});

		expect(sandbox.context.state.charges.size).toBeGreaterThan(250);
		expect(json.map((charge) => charge.id)).toEqual([refunded.id]);
		expect(requestsTo(sandbox.requests, 'GET', '/v1/payments/charges')).toHaveLength(1);
	});

	test('get many with an empty first page', async () => {
		const { json, result } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'pending' },
		});

		expect(result.error).toBeUndefined();
		expect(json).toEqual([]);
	});

	test('get many rejects a negative offset', async () => {
		const { result } = await runAitbc(sandbox, {
			resource: 'charge',
			operation: 'getAll',
			returnAll: true,
			options: { offset: -1 },
		});

		expect(result.error?.message).toBe(
			'Invalid Offset in item 0: expected a whole number of 0 or more, got -1',
		);
	});

	test('list search pages through charges', async () => {
		const parameters = { resource: 'refund', operation: 'create' };
		const credentials = bearerCredentials(sandbox);

		const first = await runListSearch('searchCharges', parameters, credentials);
		const second = await runListSearch(
			'searchCharges',
			parameters,
			credentials,
			undefined,
			first.paginationToken,
		);

		const newest = sandbox.context.state.charges.all().reverse().slice(0, 200);
		expect([...first.results, ...second.results].map((entry) => entry.value)).toEqual(
			newest.map((charge) => charge.id),
		);
		expect(first.results[0].name).toBe(
			`${newest[0].id} · ${newest[0].amount} ${newest[0].currency.toUpperCase()} · ${newest[0].status}`,
		);
	});

	test('list search filters by description', async () => {
		const { results } = await runListSearch(
			'searchCharges',
			{ resource: 'charge', operation: 'get' },
			bearerCredentials(sandbox),
			'seeded charge 250',
		);

		expect(results.map((entry) => entry.description)).toEqual(['Seeded charge 250']);
	});
});
