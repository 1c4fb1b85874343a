import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox({ seedErpEntities: 4, syncJobStepMs: 100 });
});

afterAll(async () => {
	await sandbox.close();
});

async function run(parameters: Record<string, unknown>, settings = {}) {
	return await runWorkflow(
		aitbcWorkflow({ resource: 'sync', ...parameters } as never, [{}], settings),
		{
			credentials: bearerCredentials(sandbox),
		},
	);
}

function startJob(connectionId: string, extra: Record<string, unknown> = {}) {
	return {
		operation: 'startJob',
		connection: { __rl: true, mode: 'id', value: connectionId },
		entityTypes: ['customers', 'orders'],
		direction: 'pull',
		...extra,
	};
}

describe('Sync jobs', () => {
	test('start without waiting outputs the queued job', async () => {
		const result = await run(startJob('conn_sap01'));

		expect(result.error).toBeUndefined();
		const [job] = result.output('AITBC');
		expect(job.json).toMatchObject({
			status: 'queued',
			connection_id: 'conn_sap01',
			entity_types: ['customers', 'orders'],
			direction: 'pull',
		});
		expect(job.json.id).toMatch(/^job_/);
	});

	test('waiting polls until the job succeeds', async () => {
		const polls = () =>
			sandbox.requests.filter((line) => line.includes(' GET /v1/sync/jobs/job_')).length;
		const before = polls();
		const result = await run(
			startJob('conn_oracle01', {
				waitForCompletion: true,
				timeoutSeconds: 30,
				additionalFields: { since: '2000-01-01T00:00:00Z', filters: '{"country": "DE"}' },
			}),
		);

		expect(result.error).toBeUndefined();
		const [job] = result.output('AITBC');
		expect(job.json.status).toBe('succeeded');
		expect(job.json.stats).toEqual({ created: 4, updated: 0, deleted: 0, failed: 0 });
		expect(job.json.since).toBe('2000-01-01T00:00:00.000Z');
		expect(job.json.filters).toEqual({ country: 'DE' });
		expect(job.json.finished_at).not.toBeNull();
		expect(polls() - before).toBeGreaterThanOrEqual(1);
	});

	test('a job that fails fails the item with its error', async () => {
		const result = await run(
			startJob('conn_broken01', { waitForCompletion: true, timeoutSeconds: 30 }),
			{
				continueOnFail: true,
			},
		);

		const [item] = result.output('AITBC');
		expect(item.error).toBeDefined();
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.error).toMatch(
			/^Sync job job_\w+ failed: The sap connection conn_broken01 rejected the login: credentials expired$/,
		);
	});

	test('waiting gives up at the timeout', async () => {
		const stuck = await startTestSandbox({ syncJobStepMs: 60_000 });
		try {
			const result = await runWorkflow(
				aitbcWorkflow({
					resource: 'sync',
					...startJob('conn_sap01', { waitForCompletion: true, timeoutSeconds: 1 }),
				} as never),
				{ credentials: bearerCredentials(stuck) },
			);
			expect(result.error?.message).toMatch(
				/^Sync job job_\w+ timed out in item 0: still queued after 1 s$/,
			);
		} finally {
			await stuck.close();
		}
	});

	test('get job and get many jobs', async () => {
		const started = await run(startJob('conn_netsuite01'));
		const jobId = String(started.output('AITBC')[0].json.id);

		const fetched = await run({ operation: 'getJob', jobId });
		expect(fetched.output('AITBC')[0].json).toMatchObject({
			id: jobId,
			connection_id: 'conn_netsuite01',
		});

		const listed = await run({
			operation: 'getAllJobs',
			returnAll: true,
			jobFilters: { connectionId: 'conn_netsuite01' },
		});
		expect(listed.output('AITBC').map((item) => item.json.id)).toEqual([jobId]);
		expect(requestsTo(sandbox.requests, 'GET', '/v1/sync/jobs').at(-1)).toContain(
			'connection_id=conn_netsuite01',
		);

		const missing = await run({ operation: 'getJob', jobId: 'job_missing' });
		expect(missing.error?.message).toBe('No such sync job: job_missing');
	});
});
