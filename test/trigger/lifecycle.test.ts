import type { Socket } from 'node:net';

import type { RequestInterceptor } from '../../sandbox/context';
import type { SandboxRequest } from '../../sandbox/http';
import {
	bearerCredentials,
	hmacCredentials,
	oauth2Credentials,
	requestsTo,
	startTestSandbox,
	TEST_API_KEY,
} from '../harness/sandbox';
import { triggerWorkflow, TriggerRuntime } from '../harness/trigger';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeEach(async () => {
	sandbox = await startTestSandbox();
});

afterEach(async () => {
	await sandbox.close();
});

function newRuntime(events = ['charge.succeeded']): TriggerRuntime {
	return new TriggerRuntime(triggerWorkflow({ events }), bearerCredentials(sandbox));
}

async function api(method: string, path: string, body?: object) {
	const response = await fetch(`${sandbox.url}/v1${path}`, {
		method,
		headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function remoteEndpoints(): Promise<Array<Record<string, any>>> {
	return (await api('GET', '/webhooks?limit=100')).body.data;
}

/** Fails matching sandbox requests with 503 before they reach the route. */
function failRequests(method: string, pathPrefix: string): RequestInterceptor {
	const interceptor: RequestInterceptor = {
		async beforeProcessing(request: SandboxRequest, socket: Socket) {
			if (request.method !== method || !request.path.startsWith(pathPrefix)) return;
			socket.end(
				'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
			);
			return 'handled';
		},
	};
	sandbox.context.interceptors.push(interceptor);
	return interceptor;
}

function removeInterceptor(interceptor: RequestInterceptor): void {
	const index = sandbox.context.interceptors.indexOf(interceptor);
	sandbox.context.interceptors.splice(index, 1);
}

describe('AITBC Trigger webhook lifecycle', () => {
	test('activation registers URL and events', async () => {
		const runtime = newRuntime(['charge.succeeded', 'charge.failed']);
		await runtime.activate();

		const endpoints = await remoteEndpoints();
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].url).toBe(
			`${runtime.webhookBaseUrl}/${runtime.triggerNode.webhookId}/webhook`,
		);
		expect([...endpoints[0].events].sort()).toEqual(['charge.failed', 'charge.succeeded']);
		expect(endpoints[0]).not.toHaveProperty('secret');
		expect(runtime.nodeStaticData.webhookId).toBe(endpoints[0].id);
		expect(runtime.nodeStaticData.webhookSecret).toMatch(/^whsec_/);
	});

	test.each([
		['oAuth2', () => oauth2Credentials(sandbox)],
		['hmac', () => hmacCredentials(sandbox)],
	])('lifecycle with %s authentication', async (authentication, credentials) => {
		const runtime = new TriggerRuntime(
			triggerWorkflow({ authentication, events: ['charge.succeeded'] }),
			credentials(),
		);

		await runtime.activate();
		expect((await remoteEndpoints()).map((endpoint) => endpoint.id)).toEqual([
			runtime.nodeStaticData.webhookId,
		]);

		expect(await runtime.deactivate()).toBe(true);
		expect(await remoteEndpoints()).toHaveLength(0);
	});

	test('activate, deactivate, activate leaves one endpoint', async () => {
		const runtime = newRuntime();

		await runtime.activate();
		const firstId = runtime.nodeStaticData.webhookId;
		expect(await runtime.deactivate()).toBe(true);
		expect(await remoteEndpoints()).toHaveLength(0);
		expect(runtime.nodeStaticData.webhookId).toBeUndefined();
		expect(runtime.nodeStaticData.webhookSecret).toBeUndefined();

		await runtime.activate();
		const endpoints = await remoteEndpoints();
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].id).toBe(runtime.nodeStaticData.webhookId);
		expect(endpoints[0].id).not.toBe(firstId);
	});

	test('activating twice reuses the endpoint', async () => {
		const runtime = newRuntime();

		await runtime.activate();
		const firstId = runtime.nodeStaticData.webhookId;
		await runtime.activate('init');

		const endpoints = await remoteEndpoints();
		expect(endpoints.map((endpoint) => endpoint.id)).toEqual([firstId]);
		expect(requestsTo(sandbox.requests, 'POST', '/v1/webhooks')).toHaveLength(1);
	});

	test('endpoint deleted behind n8n is re-created', async () => {
		const runtime = newRuntime();
		await runtime.activate();
		const firstId = runtime.nodeStaticData.webhookId as string;
		const firstSecret = runtime.nodeStaticData.webhookSecret;

		expect((await api('DELETE', `/webhooks/${firstId}`)).status).toBe(200);
		await runtime.activate('init');

		const endpoints = await remoteEndpoints();
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].id).not.toBe(firstId);
		expect(runtime.nodeStaticData.webhookId).toBe(endpoints[0].id);
		expect(runtime.nodeStaticData.webhookSecret).not.toBe(firstSecret);
	});

	test('endpoint for the same URL without known secret is replaced', async () => {
		const runtime = newRuntime();
		await runtime.activate();
		const url = (await remoteEndpoints())[0].url;
		await api('POST', '/webhooks', { url, events: ['*'] });
		for (const key of Object.keys(runtime.nodeStaticData)) delete runtime.nodeStaticData[key];

		await runtime.activate();

		const endpoints = await remoteEndpoints();
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].id).toBe(runtime.nodeStaticData.webhookId);
	});

	test('endpoint for another URL is left alone', async () => {
		const other = await api('POST', '/webhooks', {
			url: 'http://127.0.0.1:9/other',
			events: ['*'],
		});
		const runtime = newRuntime();

		await runtime.activate();

		const ids = (await remoteEndpoints()).map((endpoint) => endpoint.id).sort();
		expect(ids).toEqual([other.body.data.id, runtime.nodeStaticData.webhookId].sort());
	});

	test('changed events re-register the endpoint', async () => {
		const runtime = newRuntime(['charge.succeeded']);
		await runtime.activate();
		const firstId = runtime.nodeStaticData.webhookId;

		runtime.triggerNode.parameters.events = ['charge.succeeded', 'refund.created'];
		await runtime.activate('update');

		const endpoints = await remoteEndpoints();
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].id).not.toBe(firstId);
		expect([...endpoints[0].events].sort()).toEqual(['charge.succeeded', 'refund.created']);
	});

	test('test listening keeps the production endpoint', async () => {
		const runtime = newRuntime();
		await runtime.activate();
		const productionId = runtime.nodeStaticData.webhookId;
		const productionSecret = runtime.nodeStaticData.webhookSecret;

		await runtime.activate('manual');
		const test = runtime.nodeStaticData.test as Record<string, string>;
		const urls = (await remoteEndpoints()).map((endpoint) => endpoint.url).sort();
		expect(urls).toEqual(
			[
				`${runtime.webhookBaseUrl}/${runtime.triggerNode.webhookId}/webhook`,
				`${runtime.webhookTestBaseUrl}/${runtime.triggerNode.webhookId}/webhook`,
			].sort(),
		);
		expect(test.webhookId).not.toBe(productionId);
		expect(test.webhookSecret).not.toBe(productionSecret);

		expect(await runtime.deactivate('manual')).toBe(true);
		const endpoints = await remoteEndpoints();
		expect(endpoints.map((endpoint) => endpoint.id)).toEqual([productionId]);
		expect(runtime.nodeStaticData.webhookId).toBe(productionId);
		expect(runtime.nodeStaticData.webhookSecret).toBe(productionSecret);
	});

	test('failing delete keeps the id for a later try', async () => {
		const runtime = newRuntime();
		await runtime.activate();
		const id = runtime.nodeStaticData.webhookId;
		const secret = runtime.nodeStaticData.webhookSecret;

		const failure = failRequests('DELETE', '/v1/webhooks/');
		expect(await runtime.deactivate()).toBe(false);
		expect(runtime.nodeStaticData.webhookId).toBe(id);
		expect(runtime.nodeStaticData.webhookSecret).toBe(secret);
		expect(await remoteEndpoints()).toHaveLength(1);

		removeInterceptor(failure);
		expect(await runtime.deactivate()).toBe(true);
		expect(await remoteEndpoints()).toHaveLength(0);
		expect(runtime.nodeStaticData.webhookId).toBeUndefined();
	});

	test('kept id is reused on the next activation', async () => {
		const runtime = newRuntime();
		await runtime.activate();
		const id = runtime.nodeStaticData.webhookId;

		const failure = failRequests('DELETE', '/v1/webhooks/');
		await runtime.deactivate();
		removeInterceptor(failure);
		await runtime.activate();

		expect((await remoteEndpoints()).map((endpoint) => endpoint.id)).toEqual([id]);
	});

	test('deactivating with nothing registered succeeds', async () => {
		const runtime = newRuntime();

		expect(await runtime.deactivate()).toBe(true);
		expect(requestsTo(sandbox.requests, 'DELETE', '/v1/webhooks')).toHaveLength(0);
	});

	test('unreachable API fails activation without registering', async () => {
		const runtime = newRuntime();
		await runtime.activate();
		await api('DELETE', `/webhooks/${runtime.nodeStaticData.webhookId as string}`);
		failRequests('GET', '/v1/webhooks');

		await expect(runtime.activate()).rejects.toMatchObject({ httpCode: '503' });
		expect(requestsTo(sandbox.requests, 'POST', '/v1/webhooks')).toHaveLength(1);
	});

	test('no events selected fails activation', async () => {
		const runtime = newRuntime([]);

		await expect(runtime.activate()).rejects.toThrow('No event types are selected');
		expect(await remoteEndpoints()).toHaveLength(0);
	});

	test('secret stays out of lifecycle logs', async () => {
		const runtime = newRuntime();
		const logger = runtime.logger();
		const spies = (['debug', 'info', 'warn', 'error'] as const).map((level) =>
			jest.spyOn(logger, level),
		);

		await runtime.activate();
		const failure = failRequests('DELETE', '/v1/webhooks/');
		await runtime.deactivate();
		removeInterceptor(failure);

		expect(spies[2].mock.calls).toHaveLength(1);
		expect(JSON.stringify(spies.flatMap((spy) => spy.mock.calls))).not.toContain(
			runtime.nodeStaticData.webhookSecret as string,
		);
		spies.forEach((spy) => spy.mockRestore());
	});
});
