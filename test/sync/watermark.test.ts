import type { IDataObject, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import type { RequestInterceptor } from '../../sandbox/context';
import { applyOperation, insertLateRecord } from '../../sandbox/erpRecords';
import { ApiError } from '../../sandbox/http';
import { runWorkflow, type WorkflowJson } from '../harness/engine';
import { bearerCredentials, startTestSandbox } from '../harness/sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeEach(async () => {
	sandbox = await startTestSandbox();
});

afterEach(async () => {
	await sandbox.close();
});

/** Schedule Trigger → AITBC, as a scheduled sync workflow is laid out. */
function scheduledWorkflow(parameters: INodeParameters, settings: IDataObject = {}): WorkflowJson {
	return {
		name: 'Scheduled sync',
		nodes: [
			{
				id: 'schedule',
				name: 'Schedule Trigger',
				type: 'n8n-nodes-base.scheduleTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'aitbc',
				name: 'AITBC',
				type: 'n8n-nodes-aitbc.aitbc',
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { aitbcApi: { id: 'cred-bearer', name: 'AITBC sandbox' } },
			},
		],
		connections: { 'Schedule Trigger': { main: [[{ node: 'AITBC', type: 'main', index: 0 }]] } },
		settings,
	};
}

const pullOrders: INodeParameters = {
	resource: 'erpSync',
	operation: 'pull',
	connection: { __rl: true, mode: 'id', value: 'conn_salesforce01' },
	entityType: 'orders',
	sinceMode: 'lastRun',
	lookbackMinutes: 5,
	returnAll: true,
	options: { pageSize: 5 },
};

/** Runs the workflow the way n8n would on a schedule, carrying static data as n8n stores it. */
async function scheduledRun(
	parameters: INodeParameters,
	staticData: IDataObject,
	mode: WorkflowExecuteMode = 'trigger',
) {
	const result = await runWorkflow(scheduledWorkflow(parameters), {
		credentials: bearerCredentials(sandbox),
		mode,
		staticData: structuredClone(staticData),
	});
	return {
		result,
		ids: result.output('AITBC').map((item) => String(item.json.id)),
		staticData: JSON.parse(JSON.stringify(result.staticData)) as IDataObject,
	};
}

function createOrders(prefix: string, count: number): string[] {
	return Array.from({ length: count }, (_, index) =>
		String(
			applyOperation(
				sandbox.context,
				'conn_salesforce01',
				'orders',
				'create',
				`${prefix}${index + 1}`,
				{
					total: 100 * (index + 1),
				},
			).id,
		),
	);
}

function watermarkOf(staticData: IDataObject): { since: string; delivered: string[] } {
	const node = (staticData['node:AITBC'] ?? {}) as IDataObject;
	const watermarks = (node.watermarks ?? {}) as IDataObject;
	return Object.values(watermarks)[0] as { since: string; delivered: string[] };
}

function withoutRetries(parameters: INodeParameters): INodeParameters {
	return { ...parameters, transportOptions: { maxRetries: 0 } };
}

/** Fails the `failOn`th sync request from now on with a 500, as a crashed ERP gateway would. */
function failNthSyncRequest(failOn: number): RequestInterceptor {
	let seen = 0;
	return {
		async beforeProcessing(request) {
			if (!request.path.endsWith('/sync')) return;
			seen++;
			if (seen === failOn)
				throw new ApiError(500, 'INTERNAL_ERROR', 'Injected fault: ERP gateway crashed');
		},
	};
}

describe('ERP Sync since last successful run', () => {
	test('five scheduled runs lose nothing and repeat nothing', async () => {
		// Run 1: five orders, all new.
		const first = createOrders('ord_a', 5);
		const run1 = await scheduledRun(pullOrders, {});
		expect(run1.result.error).toBeUndefined();
		expect(run1.ids).toEqual(first);
		const mark1 = watermarkOf(run1.staticData);
		expect(mark1.since).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

		// Run 2: a record committed late, 30 s before the watermark, and one new record.
		const late = insertLateRecord(
			sandbox.context,
			'conn_salesforce01',
			'orders',
			{ id: 'ord_late1', total: 999 },
			new Date(Date.parse(mark1.since) - 30_000).toISOString(),
		);
		const fresh = createOrders('ord_b', 1);
		const run2 = await scheduledRun(pullOrders, run1.staticData);
		expect(run2.result.error).toBeUndefined();
		expect(run2.ids).toEqual([late.id, ...fresh]);

		// Run 3: twelve new records; the third page request fails, so the run fails midway.
		// Max Retries 0 keeps the transport from retrying the one-off 500 into a success.
		const batch = createOrders('ord_c', 12);
		const fault = failNthSyncRequest(3);
		sandbox.context.interceptors.push(fault);
		const run3 = await scheduledRun(withoutRetries(pullOrders), run2.staticData);
		sandbox.context.interceptors.splice(sandbox.context.interceptors.indexOf(fault), 1);
		expect(run3.result.error?.message).toBe('Injected fault: ERP gateway crashed');
		expect(run3.staticData).toEqual(run2.staticData);

		// Run 4: a manual test run sees the twelve but leaves the watermark where it was.
		const run4 = await scheduledRun(pullOrders, run3.staticData, 'manual');
		expect(run4.result.error).toBeUndefined();
		expect(run4.ids).toEqual(batch);
		expect(run4.staticData).toEqual(run2.staticData);
		const hints = run4.result.run.data.resultData.runData.AITBC[0].hints ?? [];
		expect(hints.map((hint) => hint.message).join(' ')).toContain('manual run');

		// Run 5: scheduled again, it delivers exactly the twelve the failed run missed.
		const run5 = await scheduledRun(pullOrders, run4.staticData);
		expect(run5.result.error).toBeUndefined();
		expect(run5.ids).toEqual(batch);
		expect(watermarkOf(run5.staticData).since).toBe(
			sandbox.context.state.erp.entitiesOf('conn_salesforce01', 'orders').get(batch[11])
				?.updated_at,
		);

		const delivered = [...run1.ids, ...run2.ids, ...run5.ids];
		expect(new Set(delivered).size).toBe(delivered.length);
		expect(delivered.sort()).toEqual([...first, late.id, ...fresh, ...batch].sort());
	});

	test('an update to a delivered record is delivered again', async () => {
		const [id] = createOrders('ord_u', 1);
		const run1 = await scheduledRun(pullOrders, {});
		expect(run1.ids).toEqual([id]);

		await new Promise((resolve) => setTimeout(resolve, 5));
		applyOperation(sandbox.context, 'conn_salesforce01', 'orders', 'update', id, { total: 1 });
		const run2 = await scheduledRun(pullOrders, run1.staticData);
		expect(run2.ids).toEqual([id]);
		expect(run2.result.output('AITBC')[0].json.total).toBe(1);

		const run3 = await scheduledRun(pullOrders, run2.staticData);
		expect(run3.ids).toEqual([]);
	});

	test('a record later than the lookback window is missed, by design', async () => {
		createOrders('ord_w', 1);
		const run1 = await scheduledRun(pullOrders, {});
		const mark = watermarkOf(run1.staticData);

		insertLateRecord(
			sandbox.context,
			'conn_salesforce01',
			'orders',
			{ id: 'ord_too_late' },
			new Date(Date.parse(mark.since) - 10 * 60_000).toISOString(),
		);
		const run2 = await scheduledRun(pullOrders, run1.staticData);
		expect(run2.ids).toEqual([]);
	});

	test('first run date in the workflow timezone goes out in UTC', async () => {
		const bodies: string[] = [];
		sandbox.context.interceptors.push({
			async beforeProcessing(request) {
				if (request.path.endsWith('/sync')) bodies.push(request.rawBody.toString('utf8'));
			},
		});
		const result = await runWorkflow(
			scheduledWorkflow(
				{ ...pullOrders, firstRunSince: '2026-07-01T09:00:00' },
				{ timezone: 'Asia/Tokyo' },
			),
			{ credentials: bearerCredentials(sandbox), mode: 'trigger' },
		);

		expect(result.error).toBeUndefined();
		expect(JSON.parse(bodies[0]).since).toBe('2026-07-01T00:00:00.000Z');
	});
});

describe('Get Changes since last successful run', () => {
	const changesSinceLastRun: INodeParameters = {
		resource: 'sync',
		operation: 'getChanges',
		sinceMode: 'lastRun',
		filters: { resource: 'orders' },
		returnAll: true,
	};

	test('resumes after the last change id, late records included', async () => {
		createOrders('ord_f', 3);
		const run1 = await scheduledRun(changesSinceLastRun, {});
		expect(run1.result.error).toBeUndefined();
		expect(run1.result.output('AITBC').map((item) => item.json.action)).toEqual([
			'created',
			'created',
			'created',
		]);

		insertLateRecord(
			sandbox.context,
			'conn_salesforce01',
			'orders',
			{ id: 'ord_flate' },
			'2020-01-01T00:00:00Z',
		);
		const manual = await scheduledRun(changesSinceLastRun, run1.staticData, 'manual');
		expect(manual.result.output('AITBC').map((item) => item.json.object_id)).toEqual(['ord_flate']);
		expect(manual.staticData).toEqual(run1.staticData);

		const run2 = await scheduledRun(changesSinceLastRun, manual.staticData);
		const changes = run2.result.output('AITBC').map((item) => item.json);
		expect(changes.map((change) => change.object_id)).toEqual(['ord_flate']);
		expect(changes[0].occurred_at).toBe('2020-01-01T00:00:00.000Z');

		const run3 = await scheduledRun(changesSinceLastRun, run2.staticData);
		expect(run3.ids).toEqual([]);
	});

	test('a failed page leaves the cursor unchanged', async () => {
		createOrders('ord_g', 150);
		let seen = 0;
		const fault: RequestInterceptor = {
			async beforeProcessing(request) {
				if (request.path !== '/v1/sync/changes') return;
				if (++seen === 2)
					throw new ApiError(500, 'INTERNAL_ERROR', 'Injected fault: feed unavailable');
			},
		};
		sandbox.context.interceptors.push(fault);
		const failed = await scheduledRun(withoutRetries(changesSinceLastRun), {});
		sandbox.context.interceptors.splice(sandbox.context.interceptors.indexOf(fault), 1);
		expect(failed.result.error?.message).toBe('Injected fault: feed unavailable');
		expect(watermarkOf(failed.staticData)).toBeUndefined();

		const retry = await scheduledRun(changesSinceLastRun, failed.staticData);
		expect(retry.result.output('AITBC')).toHaveLength(150);
	});
});

describe('Get Changes with a date', () => {
	test('since and filters select changes oldest first', async () => {
		createOrders('ord_h', 2);
		applyOperation(sandbox.context, 'conn_sap01', 'orders', 'create', 'ord_other', {});
		insertLateRecord(
			sandbox.context,
			'conn_salesforce01',
			'orders',
			{ id: 'ord_old' },
			'2020-01-01T00:00:00Z',
		);

		const result = await scheduledRun(
			{
				resource: 'sync',
				operation: 'getChanges',
				sinceMode: 'date',
				since: '2021-01-01T00:00:00Z',
				filters: { connectionId: 'conn_salesforce01', resource: 'orders' },
				returnAll: false,
				limit: 10,
			},
			{},
		);

		expect(result.result.error).toBeUndefined();
		const changes = result.result.output('AITBC').map((item) => item.json);
		expect(changes.map((change) => change.object_id)).toEqual(['ord_h1', 'ord_h2']);
		expect(changes.map((change) => change.id)).toEqual([1, 2]);
		expect(watermarkOf(result.staticData)).toBeUndefined();
	});
});
