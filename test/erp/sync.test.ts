import type { RequestInterceptor } from '../../sandbox/context';
import { applyOperation } from '../../sandbox/erpRecords';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeEach(async () => {
	sandbox = await startTestSandbox();
});

afterEach(async () => {
	await sandbox.close();
});

const pullProducts = {
	resource: 'erpSync',
	operation: 'pull',
	connection: { __rl: true, mode: 'id', value: 'conn_dynamics01' },
	entityType: 'products',
	sinceMode: 'date',
	returnAll: true,
};

function createProducts(count: number, fields: (index: number) => object = () => ({})): string[] {
	return Array.from({ length: count }, (_, index) =>
		String(
			applyOperation(
				sandbox.context,
				'conn_dynamics01',
				'products',
				'create',
				`prod_${index + 1}`,
				{
					sku: `SKU-${index + 1}`,
					...fields(index),
				},
			).id,
		),
	);
}

async function pull(parameters: object = {}) {
	return await runWorkflow(aitbcWorkflow({ ...pullProducts, ...parameters } as never), {
		credentials: bearerCredentials(sandbox),
	});
}

describe('ERP Sync with a date', () => {
	test('filters and limit apply', async () => {
		const ids = createProducts(6, (index) => ({ status: index % 2 === 0 ? 'active' : 'retired' }));

		const active = await pull({ recordFilters: '{"status": "active"}' });
		expect(active.error).toBeUndefined();
		expect(active.output('AITBC').map((item) => item.json.id)).toEqual([ids[0], ids[2], ids[4]]);

		const either = await pull({
			recordFilters: '{"status": ["active", "retired"]}',
			returnAll: false,
			limit: 4,
		});
		expect(either.output('AITBC').map((item) => item.json.id)).toEqual(ids.slice(0, 4));
	});

	test('since date excludes older records', async () => {
		createProducts(2);
		const result = await pull({ since: new Date(Date.now() + 60_000).toISOString() });

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')).toHaveLength(0);
	});

	test('record updated between pages is not skipped', async () => {
		const ids = createProducts(5);
		let syncRequests = 0;
		const updateSecondRecord: RequestInterceptor = {
			async beforeProcessing(request) {
				if (!request.path.endsWith('/sync') || ++syncRequests !== 2) return;
				await new Promise((resolve) => setTimeout(resolve, 5));
				applyOperation(sandbox.context, 'conn_dynamics01', 'products', 'update', ids[1], {
					sku: 'SKU-2b',
				});
			},
		};
		sandbox.context.interceptors.push(updateSecondRecord);

		const result = await pull({ options: { pageSize: 2 } });

		expect(result.error).toBeUndefined();
		const delivered = result.output('AITBC').map((item) => `${item.json.id}:${item.json.sku}`);
		expect(delivered).toEqual([
			'prod_1:SKU-1',
			'prod_2:SKU-2',
			'prod_3:SKU-3',
			'prod_4:SKU-4',
			'prod_5:SKU-5',
			'prod_2:SKU-2b',
		]);
	});

	test('invalid filters name the item', async () => {
		const result = await pull({ recordFilters: '{"status": ' });
		expect(result.error?.message).toBe(
			'Invalid Filters (JSON) in item 0: the text is not valid JSON',
		);
	});
});
