import type { RequestInterceptor } from '../../sandbox/context';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

const FAILING = [7, 120, 249];
const BATCH_PATH = '/v1/erp/connections/conn_sap01/customers/batch';

/** 250 creates, except three updates of records that do not exist. */
const items = Array.from({ length: 250 }, (_, index) =>
	FAILING.includes(index)
		? { action: 'update', id: `cust_missing_${index}`, name: `Missing ${index}` }
		: { action: 'create', id: '', name: `Customer ${index}` },
);

const batchParameters = {
	resource: 'erpBatch',
	operation: 'run',
	connection: { __rl: true, mode: 'id', value: 'conn_sap01' },
	entityType: 'customers',
	action: '={{ $json.action }}',
	recordId: '={{ $json.id }}',
	fieldsInput: 'json',
	fieldsJson: '={{ JSON.stringify({ name: $json.name }) }}',
};

async function runBatch(settings: object, parameters: object = batchParameters) {
	return await runWorkflow(aitbcWorkflow(parameters as never, items, settings), {
		credentials: bearerCredentials(sandbox),
	});
}

describe('ERP Batch', () => {
	test('250 items with 3 failures under Continue On Fail', async () => {
		const before = requestsTo(sandbox.requests, 'POST', BATCH_PATH).length;
		const result = await runBatch({ continueOnFail: true });

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output).toHaveLength(250);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));

		const failedIndexes = output.flatMap((item, index) => (item.error ? [index] : []));
		expect(failedIndexes).toEqual(FAILING);
		expect(output[120].json).toEqual({ error: 'No such customers record: cust_missing_120' });
		expect(output[120].error?.context).toMatchObject({ itemIndex: 120, errorCode: 'NOT_FOUND' });

		const created = output.filter((item) => !item.error);
		expect(created).toHaveLength(247);
		expect(created[0].json).toMatchObject({ name: 'Customer 0' });
		expect(output[248].json).toMatchObject({ name: 'Customer 248' });
		expect(created.every((item) => String(item.json.id).startsWith('cust_'))).toBe(true);

		const calls = requestsTo(sandbox.requests, 'POST', BATCH_PATH).slice(before);
		expect(calls).toHaveLength(3);
		expect(calls.every((line) => line.split(' ')[3] === '200')).toBe(true);
	});

	test('error output receives the failed items', async () => {
		const result = await runBatch({ onError: 'continueErrorOutput' });

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC', 0)).toHaveLength(247);
		const errors = result.output('AITBC', 1);
		expect(errors.map((item) => item.pairedItem)).toEqual(FAILING.map((item) => ({ item })));
	});

	test('without Continue On Fail the first failure fails the node', async () => {
		const result = await runBatch({});

		expect(result.error?.message).toBe('No such customers record: cust_missing_7');
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(7);
	});

	test('deletes output a confirmation', async () => {
		const created = await runWorkflow(
			aitbcWorkflow(batchParameters as never, [
				{ action: 'create', id: 'cust_batch_del', name: 'Gone' },
			]),
			{ credentials: bearerCredentials(sandbox) },
		);
		expect(created.output('AITBC')[0].json.id).toBe('cust_batch_del');

		const deleted = await runWorkflow(
			aitbcWorkflow(batchParameters as never, [{ action: 'delete', id: 'cust_batch_del' }]),
			{ credentials: bearerCredentials(sandbox) },
		);
		expect(deleted.output('AITBC').map((item) => item.json)).toEqual([
			{ deleted: true, id: 'cust_batch_del' },
		]);
	});

	test('mixed entity types get one call each', async () => {
		const mixed = Array.from({ length: 6 }, (_, index) => ({
			action: 'create',
			id: '',
			name: `Record ${index}`,
			kind: index % 2 === 0 ? 'customers' : 'products',
		}));
		const before = sandbox.requests.length;

		const result = await runWorkflow(
			aitbcWorkflow({ ...batchParameters, entityType: '={{ $json.kind }}' } as never, mixed),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output.map((item) => item.json.name)).toEqual(mixed.map((item) => item.name));
		expect(output.map((item) => String(item.json.id).split('_')[0])).toEqual([
			'cust',
			'prod',
			'cust',
			'prod',
			'cust',
			'prod',
		]);
		const calls = sandbox.requests.slice(before).filter((line) => line.includes('/batch'));
		expect(calls).toHaveLength(2);
	});

	test.each([
		[1, 1],
		[2, 2],
	])('Max Batches in Flight %i keeps at most %i calls open', async (maxInFlight, expected) => {
		let open = 0;
		let maxOpen = 0;
		const holdBatches: RequestInterceptor = {
			async beforeProcessing(request) {
				if (!request.path.endsWith('/batch')) return;
				open++;
				maxOpen = Math.max(maxOpen, open);
				await new Promise((resolve) => setTimeout(resolve, 50));
				open--;
			},
		};
		sandbox.context.interceptors.push(holdBatches);
		try {
			const result = await runBatch(
				{ continueOnFail: true },
				{ ...batchParameters, options: { maxInFlight } },
			);
			expect(result.output('AITBC')).toHaveLength(250);
		} finally {
			sandbox.context.interceptors.splice(sandbox.context.interceptors.indexOf(holdBatches), 1);
		}
		expect(maxOpen).toBe(expected);
	});
});
