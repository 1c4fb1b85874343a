import { installFaults, type FaultInjector } from '../../sandbox/faults';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, startTestSandbox } from '../harness/sandbox';
import {
	chargeCreateWorkflow,
	itemNumberOf,
	numberedItems,
	recordRequests,
	type RecordedRequest,
} from './fixtures';

const CHARGES = '/v1/payments/charges';

describe('Idempotency-Key on creates', () => {
	let sandbox: Sandbox & { requests: string[] };
	let faults: FaultInjector;
	let recorded: RecordedRequest[];

	beforeEach(async () => {
		sandbox = await startTestSandbox();
		faults = installFaults(sandbox.context);
		recorded = recordRequests(sandbox.context);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	const posts = () => recorded.filter((request) => request.method === 'POST');

	test('same key on retry, new key per item and run', async () => {
		faults.force({ method: 'POST', path: CHARGES, count: 1, fault: 'resetBeforeProcessing' });

		await runWorkflow(chargeCreateWorkflow(numberedItems(3)), {
			credentials: bearerCredentials(sandbox),
		});
		await runWorkflow(chargeCreateWorkflow(numberedItems(3)), {
			credentials: bearerCredentials(sandbox),
		});

		const sent = posts();
		expect(sent).toHaveLength(7);
		for (const request of sent) expect(request.idempotencyKey).toMatch(/^[0-9a-f-]{36}-[0-2]$/);

		const [reset, retry] = sent.filter((request) => request.itemNumber === sent[0].itemNumber);
		expect(retry.idempotencyKey).toBe(reset.idempotencyKey);

		const distinctKeys = new Set(sent.map((request) => request.idempotencyKey));
		expect(distinctKeys.size).toBe(6);
		expect(sandbox.context.state.created.charge).toBe(6);
	});

	test("n8n's Retry On Fail reuses each item's key", async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			match: (request) => itemNumberOf(request) === 1,
			count: 1,
			status: 400,
		});
		const workflow = chargeCreateWorkflow(numberedItems(3));
		Object.assign(workflow.nodes[2], { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });

		const result = await runWorkflow(workflow, { credentials: bearerCredentials(sandbox) });

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')).toHaveLength(3);
		const sent = posts();
		expect(sent).toHaveLength(6);
		for (const n of [0, 1, 2]) {
			const keys = sent
				.filter((request) => request.itemNumber === n)
				.map((request) => request.idempotencyKey);
			expect(keys).toHaveLength(2);
			expect(keys[1]).toBe(keys[0]);
		}
		expect(sandbox.context.state.created.charge).toBe(3);
		expect(sandbox.context.state.idempotency.replays).toBe(2);
	});

	test('key from an expression stops a second run charging', async () => {
		const workflow = chargeCreateWorkflow(numberedItems(3), {
			idempotencyKey: '={{ "order-" + $json.n }}',
		});

		const first = await runWorkflow(workflow, { credentials: bearerCredentials(sandbox) });
		const second = await runWorkflow(workflow, { credentials: bearerCredentials(sandbox) });

		expect(posts().map((request) => request.idempotencyKey)).toEqual([
			'order-0',
			'order-1',
			'order-2',
			'order-0',
			'order-1',
			'order-2',
		]);
		expect(sandbox.context.state.created.charge).toBe(3);
		expect(second.output('AITBC').map((item) => item.json.id)).toEqual(
			first.output('AITBC').map((item) => item.json.id),
		);
	});

	test('reads send no key', async () => {
		await runWorkflow(chargeCreateWorkflow(numberedItems(1)), {
			credentials: bearerCredentials(sandbox),
		});
		const listWorkflow = chargeCreateWorkflow([{}]);
		listWorkflow.nodes[2].parameters = { resource: 'charge', operation: 'getAll', returnAll: true };
		await runWorkflow(listWorkflow, { credentials: bearerCredentials(sandbox) });

		const gets = recorded.filter((request) => request.method === 'GET');
		expect(gets).toHaveLength(1);
		expect(gets[0].idempotencyKey).toBeUndefined();
	});
});
