import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runWorkflow } from '../harness/engine';
import { aitbcWorkflow } from '../harness/workflows';

/** A server that breaks the list contract in one way, counting the requests it gets. */
async function startBrokenList(
	page: (call: number) => object,
): Promise<{ url: string; calls: () => number; server: Server }> {
	let calls = 0;
	const server = createServer((_request, response) => {
		calls++;
		response.writeHead(200, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify(page(calls)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, calls: () => calls, server };
}

function credentialsFor(url: string) {
	return {
		aitbcApi: {
			baseUrl: url,
			apiKey: 'sk_test_any',
			apiVersion: 'v1',
			tenantId: '',
			enterpriseId: '',
		},
	};
}

describe('Get Many against a misbehaving server', () => {
	test('repeated cursor ends with an error', async () => {
		const broken = await startBrokenList((call) => ({
			success: true,
			data: [{ id: `ch_${call}` }],
			has_more: true,
			next_page: 'ch_stuck',
		}));

		try {
			const result = await runWorkflow(
				aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: true }),
				{ credentials: credentialsFor(broken.url) },
			);

			expect(result.error?.message).toContain('returned the cursor "ch_stuck" twice');
			expect(broken.calls()).toBe(2);
		} finally {
			broken.server.close();
		}
	});

	test('empty page that promises more ends with an error', async () => {
		const broken = await startBrokenList(() => ({
			success: true,
			data: [],
			has_more: true,
			next_page: 'x',
		}));

		try {
			const result = await runWorkflow(
				aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: true }),
				{ credentials: credentialsFor(broken.url) },
			);

			expect(result.error?.message).toContain('reported more results but returned an empty page');
			expect(broken.calls()).toBe(1);
		} finally {
			broken.server.close();
		}
	});
});
