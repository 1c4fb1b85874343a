import type { NodeApiError } from 'n8n-workflow';

import { installFaults, type FaultInjector } from '../../sandbox/faults';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { chargeListWorkflow } from './fixtures';

const LIST_PATH = '/v1/payments/charges';
const SEEDED = 250;

describe('Retry-After on a list page', () => {
	let sandbox: Sandbox & { requests: string[] };
	let faults: FaultInjector;

	beforeEach(async () => {
		sandbox = await startTestSandbox({ seedCharges: SEEDED });
		faults = installFaults(sandbox.context);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	test('waits the seconds given, then completes', async () => {
		faults.force({
			method: 'GET',
			path: LIST_PATH,
			skip: 1,
			count: 1,
			status: 429,
			headers: { 'Retry-After': '2' },
		});

		const started = Date.now();
		const result = await runWorkflow(chargeListWorkflow(), {
			credentials: bearerCredentials(sandbox),
		});
		const elapsedMs = Date.now() - started;

		expect(result.error).toBeUndefined();
		const ids = result.output('AITBC').map((item) => item.json.id);
		expect(ids).toHaveLength(SEEDED);
		expect(new Set(ids).size).toBe(SEEDED);
		expect(faults.counts.forced).toBe(1);
		expect(requestsTo(sandbox.requests, 'GET', LIST_PATH)).toHaveLength(4);
		expect(elapsedMs).toBeGreaterThanOrEqual(2_000);
	});

	test('waits until the HTTP date given, then completes', async () => {
		const retryAt = new Date(Date.now() + 3_000).toUTCString();
		faults.force({
			method: 'GET',
			path: LIST_PATH,
			skip: 1,
			count: 1,
			status: 429,
			headers: { 'Retry-After': retryAt },
		});

		const result = await runWorkflow(chargeListWorkflow(), {
			credentials: bearerCredentials(sandbox),
		});
		const finishedAt = Date.now();

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')).toHaveLength(SEEDED);
		expect(faults.counts.forced).toBe(1);
		expect(requestsTo(sandbox.requests, 'GET', LIST_PATH)).toHaveLength(4);
		// The date has whole seconds, so the wait ends at that second, not a fraction later.
		expect(finishedAt).toBeGreaterThanOrEqual(Date.parse(retryAt));
	});

	test('503 with Retry-After is retried too', async () => {
		faults.force({
			method: 'GET',
			path: LIST_PATH,
			count: 1,
			status: 503,
			headers: { 'Retry-After': '1' },
		});

		const result = await runWorkflow(chargeListWorkflow(), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')).toHaveLength(SEEDED);
		expect(requestsTo(sandbox.requests, 'GET', LIST_PATH)).toHaveLength(4);
	});

	test('wait beyond Max Total Wait fails at once', async () => {
		faults.force({
			method: 'GET',
			path: LIST_PATH,
			count: 1,
			status: 429,
			headers: { 'Retry-After': '600' },
		});

		const started = Date.now();
		const result = await runWorkflow(chargeListWorkflow({ maxTotalWait: 60 }), {
			credentials: bearerCredentials(sandbox),
		});
		const elapsedMs = Date.now() - started;

		expect(result.error?.message).toBe(
			'AITBC asked to wait 600 seconds before retrying (Retry-After on HTTP 429), longer than the Max Total Wait of 60 seconds',
		);
		expect(requestsTo(sandbox.requests, 'GET', LIST_PATH)).toHaveLength(1);
		// Far below the 60-second cap: the node did not wait before failing.
		expect(elapsedMs).toBeLessThan(30_000);
	});

	test('wait beyond the cap becomes a paired error item', async () => {
		faults.force({
			method: 'GET',
			path: LIST_PATH,
			count: 1,
			status: 429,
			headers: { 'Retry-After': new Date(Date.now() + 600_000).toUTCString() },
		});

		const result = await runWorkflow(chargeListWorkflow({ maxTotalWait: 60 }, true), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.output('AITBC');
		expect(item.pairedItem).toEqual({ item: 0 });
		// An HTTP date has whole seconds, so the wait left is just under or at 600 seconds.
		expect(item.json.error).toMatch(/^AITBC asked to wait (599|600) seconds before retrying/);
		// n8n-core reduces the json of an error item to its message; the details stay on the error.
		const error = item.error as NodeApiError;
		expect(error.context.errorCode).toBe('RATE_LIMITED');
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/Max Total Wait/);
	});
});
