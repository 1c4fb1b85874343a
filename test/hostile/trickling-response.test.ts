import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runWorkflow } from '../harness/engine';
import { chargeCreateWorkflow, numberedItems } from '../resilience/fixtures';

/**
 * A server that sends its status and headers at once, then one byte of body every 100 ms and
 * never ends. The HTTP client's timeout only limits the gap between two chunks, so it never fires.
 */
async function startTricklingServer() {
	const keys: string[] = [];
	const open = new Set<ServerResponse>();
	const server: Server = createServer((request, response) => {
		keys.push(String(request.headers['idempotency-key']));
		request.resume();
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.write('{"success":true,"data":{"id":"ch_trickle"');
		open.add(response);
		response.on('close', () => open.delete(response));
	});
	const ticker = setInterval(() => {
		for (const response of open) response.write(' ');
	}, 100);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		keys,
		/** Responses whose connection the client has not closed yet. */
		openConnections: () => open.size,
		async close() {
			clearInterval(ticker);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

describe('response that trickles in forever', () => {
	let trickling: Awaited<ReturnType<typeof startTricklingServer>>;

	beforeEach(async () => {
		trickling = await startTricklingServer();
	});

	afterEach(async () => {
		await trickling.close();
	});

	test('Timeout ends each attempt, retry keeps its key', async () => {
		const credentials = {
			aitbcApi: {
				baseUrl: trickling.url,
				apiKey: 'sk_test_trickle',
				apiVersion: 'v1',
				tenantId: '',
				enterpriseId: '',
			},
		};

		const run = runWorkflow(
			chargeCreateWorkflow(numberedItems(2), { timeout: 0.5, maxRetries: 1 }, true),
			{ credentials },
		);
		const result = await Promise.race([
			run,
			new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000).unref()),
		]);

		expect(result).toBeDefined();
		const output = result!.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].error?.message).toBe('AITBC request failed: ETIMEDOUT');
		expect(output[1].error?.description).toContain('Failed 2 times');
		expect(JSON.stringify(output)).not.toContain('sk_test_trickle');
		expect(trickling.keys).toHaveLength(4);
		expect(new Set(trickling.keys).size).toBe(2);

		// The server notices each aborted socket shortly after the client closed it.
		for (let waited = 0; trickling.openConnections() > 0 && waited < 2_000; waited += 50) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(trickling.openConnections()).toBe(0);
	}, 20_000);
});
