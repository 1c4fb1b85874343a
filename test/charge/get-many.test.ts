import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const listPath = '/v1/payments/charges';
const sandboxes: TestSandbox[] = [];

async function sandboxWith(seedCharges: number): Promise<TestSandbox> {
	const sandbox = await startTestSandbox({ seedCharges });
	sandboxes.push(sandbox);
	return sandbox;
}

afterEach(async () => {
	await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

describe('Charge Get Many', () => {
	test('Return All over 250 charges takes 3 requests', async () => {
		const sandbox = await sandboxWith(250);

		const result = await runWorkflow(
			aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: true }),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		const ids = result.output('AITBC').map((item) => item.json.id);
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);

		const requests = requestsTo(sandbox.requests, 'GET', listPath);
		expect(requests).toHaveLength(3);
		expect(requests[0]).toContain('limit=100');
		expect(requests[1]).toContain('starting_after=');
	});

	test('Limit 7 returns 7 in one request', async () => {
		const sandbox = await sandboxWith(50);

		const result = await runWorkflow(
			aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: false, limit: 7 }),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.output('AITBC')).toHaveLength(7);
		const requests = requestsTo(sandbox.requests, 'GET', listPath);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toContain('limit=7');
	});

	test('Limit 150 spans two pages', async () => {
		const sandbox = await sandboxWith(250);

		const result = await runWorkflow(
			aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: false, limit: 150 }),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(new Set(result.output('AITBC').map((item) => item.json.id)).size).toBe(150);
		const requests = requestsTo(sandbox.requests, 'GET', listPath);
		expect(requests).toHaveLength(2);
		expect(requests[1]).toContain('limit=50');
	});

	test('empty account gives no items and no error', async () => {
		const sandbox = await sandboxWith(0);

		const result = await runWorkflow(
			aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: true }),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')).toEqual([]);
	});

	test('status and created filters reach the API', async () => {
		const sandbox = await sandboxWith(100);
		const all = sandbox.context.state.charges.all();
		const from = all[40].created_at;
		const to = all[59].created_at;

		const result = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'getAll',
				returnAll: true,
				filters: { status: 'failed', createdGte: from, createdLte: to },
			}),
			{ credentials: bearerCredentials(sandbox) },
		);

		const expected = all
			.filter((charge) => charge.status === 'failed')
			.filter((charge) => charge.created_at >= from && charge.created_at <= to)
			.map((charge) => charge.id)
			.reverse();
		expect(expected.length).toBeGreaterThan(0);
		expect(result.output('AITBC').map((item) => item.json.id)).toEqual(expected);
	});

	test('dates without a zone are read in the workflow timezone', async () => {
		const sandbox = await sandboxWith(1);
		const workflow = aitbcWorkflow({
			resource: 'charge',
			operation: 'getAll',
			returnAll: true,
			filters: { createdGte: '2026-03-01T09:30:00' },
		});
		workflow.settings = { timezone: 'Asia/Kolkata' };

		await runWorkflow(workflow, { credentials: bearerCredentials(sandbox) });

		const [request] = requestsTo(sandbox.requests, 'GET', listPath);
		expect(request).toContain('created_gte=2026-03-01T04%3A00%3A00.000Z');
	});
});
