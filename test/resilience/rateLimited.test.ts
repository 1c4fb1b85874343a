import { setTimeout as delay } from 'node:timers/promises';

import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { chargeCreateWorkflow, numberedItems, recordRequests, withStatus } from './fixtures';

const ITEMS = 500;

describe('pacing and concurrency', () => {
	test('500 creates at 50 requests per second', async () => {
		const sandbox = await startTestSandbox({ rateLimit: 50 });

		try {
			const started = Date.now();
			const result = await runWorkflow(chargeCreateWorkflow(numberedItems(ITEMS)), {
				credentials: bearerCredentials(sandbox),
			});
			const elapsedMs = Date.now() - started;
			const posts = requestsTo(sandbox.requests, 'POST', '/v1/payments/charges');
			const rateLimited = withStatus(posts, 429);
			process.stdout.write(
				`${ITEMS} creates at 50 requests/s: ${elapsedMs} ms, ${rateLimited.length} answered 429\n`,
			);

			expect(result.error).toBeUndefined();
			const output = result.output('AITBC');
			expect(output).toHaveLength(ITEMS);
			expect(output.filter((item) => item.error)).toEqual([]);
			expect(sandbox.context.state.created.charge).toBe(ITEMS);
			// Pacing on X-RateLimit-Remaining avoids 429s; a few may race a window change.
			expect(rateLimited.length).toBeLessThanOrEqual(ITEMS * 0.02);
		} finally {
			await sandbox.close();
		}
	}, 60_000);

	test('a cap of 20 requests per second holds', async () => {
		const sandbox = await startTestSandbox();
		const recorded = recordRequests(sandbox.context);

		try {
			const result = await runWorkflow(
				chargeCreateWorkflow(numberedItems(60), { requestsPerSecond: 20 }),
				{ credentials: bearerCredentials(sandbox) },
			);

			expect(result.error).toBeUndefined();
			const arrivals = recorded.map((request) => request.arrivedAt).sort((a, b) => a - b);
			expect(arrivals).toHaveLength(60);
			// 21 requests in a row span 20 gaps of 50 ms; timers may fire a little early or late.
			const spans = arrivals.slice(20).map((time, index) => time - arrivals[index]);
			expect(Math.min(...spans)).toBeGreaterThanOrEqual(900);
		} finally {
			await sandbox.close();
		}
	}, 60_000);

	test('Max Requests In Flight bounds concurrency', async () => {
		const sandbox = await startTestSandbox();
		let inFlight = 0;
		let maxSeen = 0;
		// Holds each request for 50 ms, so requests the node sends together overlap at the server.
		sandbox.context.interceptors.push({
			async beforeProcessing() {
				inFlight++;
				maxSeen = Math.max(maxSeen, inFlight);
				await delay(50);
				inFlight--;
			},
		});

		try {
			const result = await runWorkflow(
				chargeCreateWorkflow(numberedItems(30), { maxInFlight: 3 }),
				{
					credentials: bearerCredentials(sandbox),
				},
			);

			expect(result.error).toBeUndefined();
			expect(result.output('AITBC')).toHaveLength(30);
			expect(maxSeen).toBe(3);
		} finally {
			await sandbox.close();
		}
	});
});
