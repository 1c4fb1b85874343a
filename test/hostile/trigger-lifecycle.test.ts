import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { installFaults, type FaultInjector } from '../../sandbox/faults';
import { bearerCredentials, requestsTo, startTestSandbox, TEST_API_KEY } from '../harness/sandbox';
import { triggerWorkflow, TriggerRuntime } from '../harness/trigger';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const WEBHOOKS = '/v1/webhooks';

let sandbox: TestSandbox;
let faults: FaultInjector;

beforeEach(async () => {
	sandbox = await startTestSandbox();
	faults = installFaults(sandbox.context);
});

afterEach(async () => {
	await sandbox.close();
});

async function remoteEndpoints(): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${sandbox.url}${WEBHOOKS}?limit=100`, {
		headers: { Authorization: `Bearer ${TEST_API_KEY}` },
	});
	return ((await response.json()) as { data: Array<Record<string, unknown>> }).data;
}

/** A server in place of AITBC that returns 404 with an HTML page to every request. */
async function startNotFoundServer(): Promise<{
	url: string;
	server: Server;
	calls: () => number;
}> {
	let calls = 0;
	const server = createServer((_request, response) => {
		calls++;
		response.writeHead(404, { 'Content-Type': 'text/html' });
		response.end('<html><body>Not Found</body></html>');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, server, calls: () => calls };
}

describe('trigger lifecycle under failures', () => {
	test('lost create answer registers one endpoint', async () => {
		faults.force({ method: 'POST', path: WEBHOOKS, count: 1, fault: 'resetAfterCommit' });
		const runtime = new TriggerRuntime(
			triggerWorkflow({ events: ['*'] }),
			bearerCredentials(sandbox),
		);

		await runtime.activate();

		const endpoints = await remoteEndpoints();
		expect(endpoints).toHaveLength(1);
		expect(runtime.nodeStaticData.webhookId).toBe(endpoints[0].id);
		expect(requestsTo(sandbox.requests, 'POST', WEBHOOKS)).toHaveLength(2);
		expect(sandbox.context.state.idempotency.replays).toBe(1);
	});

	test('failed activation leaves no second endpoint', async () => {
		faults.force({ method: 'POST', path: WEBHOOKS, count: 1, fault: 'resetAfterCommit' });
		faults.force({ method: 'POST', path: WEBHOOKS, count: 1, status: 400 });
		const runtime = new TriggerRuntime(
			triggerWorkflow({ events: ['*'] }),
			bearerCredentials(sandbox),
		);

		await expect(runtime.activate()).rejects.toMatchObject({ httpCode: '400' });
		expect(runtime.nodeStaticData.webhookSecret).toBeUndefined();
		expect(await remoteEndpoints()).toHaveLength(1);

		await runtime.activate();

		const endpoints = await remoteEndpoints();
		expect(endpoints).toHaveLength(1);
		expect(runtime.nodeStaticData.webhookId).toBe(endpoints[0].id);
	});

	test('404 without an AITBC body keeps the id', async () => {
		const runtime = new TriggerRuntime(
			triggerWorkflow({ events: ['*'] }),
			bearerCredentials(sandbox),
		);
		await runtime.activate();
		const id = runtime.nodeStaticData.webhookId;
		const secret = runtime.nodeStaticData.webhookSecret;

		// The same workflow with a credential whose Base URL now points at another server.
		const proxy = await startNotFoundServer();
		try {
			const misdirected = new TriggerRuntime(
				runtime.json,
				bearerCredentials({ url: proxy.url } as TestSandbox),
				runtime.workflow.staticData,
			);

			expect(await misdirected.deactivate()).toBe(false);
			expect(proxy.calls()).toBe(1);
			expect(misdirected.nodeStaticData.webhookId).toBe(id);
			expect(misdirected.nodeStaticData.webhookSecret).toBe(secret);
		} finally {
			proxy.server.close();
		}

		expect(await runtime.deactivate()).toBe(true);
		expect(await remoteEndpoints()).toHaveLength(0);
	});

	test('AITBC 404 on delete counts as deleted', async () => {
		const runtime = new TriggerRuntime(
			triggerWorkflow({ events: ['*'] }),
			bearerCredentials(sandbox),
		);
		await runtime.activate();
		await fetch(`${sandbox.url}${WEBHOOKS}/${runtime.nodeStaticData.webhookId as string}`, {
			method: 'DELETE',
			headers: { Authorization: `Bearer ${TEST_API_KEY}` },
		});

		expect(await runtime.deactivate()).toBe(true);
		expect(runtime.nodeStaticData.webhookId).toBeUndefined();
	});
});
