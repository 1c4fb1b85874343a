import { setTimeout as delay } from 'node:timers/promises';

import type { NodeApiError } from 'n8n-workflow';

import { installFaults, type FaultInjector } from '../../sandbox/faults';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import {
	chargeCreateWorkflow,
	itemNumberOf,
	numberedItems,
	recordRequests,
	type RecordedRequest,
} from './fixtures';

const CHARGES = '/v1/payments/charges';

describe('which failures are retried', () => {
	let sandbox: Sandbox & { requests: string[] };
	let faults: FaultInjector;
	let recorded: RecordedRequest[];

	beforeEach(async () => {
		sandbox = await startTestSandbox();
		faults = installFaults(sandbox.context, { rate: 0, slowMs: 1_500 });
		recorded = recordRequests(sandbox.context);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	test('400 is not retried', async () => {
		const result = await runWorkflow(
			chargeCreateWorkflow([{ n: 0, amount: 100, source: 'tok_unknown' }], {}, true),
			{ credentials: bearerCredentials(sandbox) },
		);

		const [item] = result.output('AITBC');
		expect((item.error as NodeApiError).httpCode).toBe('400');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(1);
	});

	test('declined card (422) is not retried', async () => {
		const result = await runWorkflow(
			chargeCreateWorkflow([{ n: 0, amount: 100, source: 'tok_chargeDeclined' }], {}, true),
			{ credentials: bearerCredentials(sandbox) },
		);

		const [item] = result.output('AITBC');
		expect((item.error as NodeApiError).httpCode).toBe('422');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(1);
		expect(sandbox.context.state.created.charge).toBe(1);
	});

	test('409 CONFLICT for a key in flight is retried', async () => {
		faults.force({ method: 'POST', path: CHARGES, count: 2, status: 409, errorCode: 'CONFLICT' });

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1)), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')[0].json.object).toBe('charge');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(3);
	});

	test('409 IDEMPOTENCY_CONFLICT is not retried', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: 1,
			status: 409,
			errorCode: 'IDEMPOTENCY_CONFLICT',
		});

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1), {}, true), {
			credentials: bearerCredentials(sandbox),
		});

		expect((result.output('AITBC')[0].error as NodeApiError).httpCode).toBe('409');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(1);
	});

	test('reset after commit is answered from the first charge', async () => {
		faults.force({ method: 'POST', path: CHARGES, count: 1, fault: 'resetAfterCommit' });

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1)), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		const [charge] = sandbox.context.state.charges.all();
		expect(result.output('AITBC')[0].json.id).toBe(charge.id);
		expect(sandbox.context.state.created.charge).toBe(1);
		expect(sandbox.context.state.idempotency.replays).toBe(1);
	});

	test('timeout is retried with the same result', async () => {
		faults.force({ method: 'POST', path: CHARGES, count: 1, fault: 'slow' });

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1), { timeout: 0.5 }), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')[0].json.object).toBe('charge');
		const posts = recorded.filter((request) => request.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[1].idempotencyKey).toBe(posts[0].idempotencyKey);

		// The slow first attempt is processed after all, and must find the stored response.
		await delay(1_500);
		expect(sandbox.context.state.created.charge).toBe(1);
		expect(sandbox.context.state.idempotency.replays).toBe(1);
	});

	test('error items stay paired when retries run out', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			match: (request) => itemNumberOf(request) === 1,
			count: Number.POSITIVE_INFINITY,
			status: 503,
		});

		const result = await runWorkflow(
			chargeCreateWorkflow(numberedItems(3), { maxRetries: 2 }, true),
			{
				credentials: bearerCredentials(sandbox),
			},
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.object).toBe('charge');
		expect(output[2].json.object).toBe('charge');

		const error = output[1].error as NodeApiError;
		expect(output[1].json.error).toBe(error.message);
		expect(error.httpCode).toBe('503');
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toMatch(/Failed 3 times; no retries left/);
		expect(faults.counts.forced).toBe(3);
	});

	test('run fails with the AITBC message when retries run out', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: Number.POSITIVE_INFINITY,
			status: 429,
			message: 'Rate limit of 1 requests per second exceeded',
			headers: { 'Retry-After': '0' },
		});

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(2), { maxRetries: 1 }), {
			credentials: bearerCredentials(sandbox),
		});

		// n8n's routing replaces the message of a rejected 429 unless the transport mapped it.
		expect(result.error?.message).toBe('Rate limit of 1 requests per second exceeded');
		expect((result.error as NodeApiError).description).toMatch(/Failed 2 times; no retries left/);
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(4);
	});
});
