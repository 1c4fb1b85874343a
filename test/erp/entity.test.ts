import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox({ seedErpEntities: 3 });
});

afterAll(async () => {
	await sandbox.close();
});

const sap = { __rl: true, mode: 'id', value: 'conn_sap01' };

async function run(parameters: Record<string, unknown>, items: object[] = [{}], settings = {}) {
	return await runWorkflow(
		aitbcWorkflow({ resource: 'erpEntity', ...parameters } as never, items, settings),
		{
			credentials: bearerCredentials(sandbox),
		},
	);
}

describe('ERP Entity', () => {
	test('create from key-value pairs', async () => {
		const result = await run(
			{
				operation: 'create',
				connection: sap,
				entityType: 'customers',
				fieldsInput: 'keyValue',
				fields: {
					field: [
						{ name: 'name', value: '={{ $json.name }}' },
						{ name: 'country', value: 'AT' },
					],
				},
			},
			[{ name: 'ACME GmbH' }],
		);

		expect(result.error).toBeUndefined();
		const [created] = result.output('AITBC');
		expect(created.json).toMatchObject({ name: 'ACME GmbH', country: 'AT' });
		expect(created.json.id).toMatch(/^cust_/);
		expect(created.json.success).toBeUndefined();
		expect(created.json.updated_at).toBe(created.json.created_at);
	});

	test('create, get, update, delete round trip', async () => {
		const created = await run(
			{
				operation: 'create',
				connection: { __rl: true, mode: 'list', value: 'conn_netsuite01' },
				entityType: 'orders',
				fieldsInput: 'json',
				fieldsJson:
					'={{ JSON.stringify({ number: $json.number, total: 4200, lines: [{ sku: "A" }] }) }}',
			},
			[{ number: 'SO-1' }],
		);
		const order = created.output('AITBC')[0].json;
		expect(order).toMatchObject({ number: 'SO-1', total: 4200, lines: [{ sku: 'A' }] });

		const fetched = await run({
			operation: 'get',
			connection: { __rl: true, mode: 'list', value: 'conn_netsuite01' },
			entityType: 'orders',
			recordId: order.id,
		});
		expect(fetched.output('AITBC')[0].json).toEqual(order);

		const updated = await run({
			operation: 'update',
			connection: { __rl: true, mode: 'id', value: 'conn_netsuite01' },
			entityType: 'orders',
			recordId: order.id,
			fieldsInput: 'json',
			fieldsJson: '{"total": 5000}',
		});
		const changed = updated.output('AITBC')[0].json;
		expect(changed).toMatchObject({ id: order.id, number: 'SO-1', total: 5000 });
		expect(Date.parse(String(changed.updated_at))).toBeGreaterThanOrEqual(
			Date.parse(String(order.updated_at)),
		);

		const deleted = await run({
			operation: 'delete',
			connection: { __rl: true, mode: 'id', value: 'conn_netsuite01' },
			entityType: 'orders',
			recordId: order.id,
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.output('AITBC').map((item) => item.json)).toEqual([
			{ deleted: true, id: order.id },
		]);

		const gone = await run({
			operation: 'get',
			connection: sap,
			entityType: 'orders',
			recordId: order.id,
		});
		expect(gone.error?.message).toBe(`No such orders record: ${order.id}`);
	});

	test('entity type by expression', async () => {
		const result = await run(
			{
				operation: 'create',
				connection: sap,
				entityType: '={{ $json.kind }}',
				fieldsInput: 'json',
				fieldsJson: '{"code": "EUR-1"}',
			},
			[{ kind: 'price_lists' }],
		);

		expect(result.error).toBeUndefined();
		const [record] = result.output('AITBC');
		expect(record.json.id).toMatch(/^ent_/);
		expect(
			requestsTo(sandbox.requests, 'POST', '/v1/erp/connections/conn_sap01/price_lists'),
		).toHaveLength(1);
	});

	test('get many with limit and updated since', async () => {
		const all = await run({
			operation: 'getAll',
			connection: { __rl: true, mode: 'id', value: 'conn_oracle01' },
			entityType: 'products',
			returnAll: true,
		});
		expect(all.output('AITBC')).toHaveLength(3);

		const limited = await run({
			operation: 'getAll',
			connection: { __rl: true, mode: 'id', value: 'conn_oracle01' },
			entityType: 'products',
			returnAll: false,
			limit: 2,
		});
		expect(limited.output('AITBC')).toHaveLength(2);

		const newest = all.output('AITBC')[0].json;
		const recent = await run({
			operation: 'getAll',
			connection: { __rl: true, mode: 'id', value: 'conn_oracle01' },
			entityType: 'products',
			returnAll: true,
			filters: { updatedSince: newest.updated_at },
		});
		expect(recent.output('AITBC').map((item) => item.json.id)).toEqual([newest.id]);
	});

	test('invalid JSON fields name the item', async () => {
		const result = await run(
			{
				operation: 'create',
				connection: sap,
				entityType: 'customers',
				fieldsInput: 'json',
				fieldsJson: '[1, 2]',
			},
			[{}, {}],
			{ continueOnFail: true },
		);

		const output = result.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[1].json.error).toBe('Invalid Fields (JSON) in item 1: expected a JSON object');
	});

	test('unknown connection is a clear error', async () => {
		const result = await run({
			operation: 'get',
			connection: { __rl: true, mode: 'id', value: 'conn_missing' },
			entityType: 'customers',
			recordId: 'cust_1',
		});
		expect(result.error?.message).toBe('No such ERP connection: conn_missing');
	});
});
