import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { bearerCredentials, startTestSandbox, TEST_API_KEY } from '../harness/sandbox';
import {
	startTriggerListener,
	triggerWorkflow,
	TriggerRuntime,
	type ListenerOptions,
	type TriggerListener,
} from '../harness/trigger';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const RETRY_DELAYS_MS = [20, 40, 80];

let sandbox: TestSandbox;
let runtime: TriggerRuntime;
let listener: TriggerListener;

async function startTrigger(
	parameters: INodeParameters,
	listenerOptions: ListenerOptions = {},
): Promise<void> {
	runtime = new TriggerRuntime(triggerWorkflow(parameters), bearerCredentials(sandbox));
	listener = await startTriggerListener(runtime, listenerOptions);
	await runtime.activate();
}

beforeEach(async () => {
	sandbox = await startTestSandbox({ webhookRetryDelaysMs: RETRY_DELAYS_MS });
});

afterEach(async () => {
	await listener.close();
	await sandbox.close();
});

async function api(method: string, path: string, body?: object) {
	const response = await fetch(`${sandbox.url}/v1${path}`, {
		method,
		headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function settle(): Promise<void> {
	await sandbox.context.webhooks!.idle();
	await listener.idle();
}

function receivedEvents() {
	return listener.executions.map(
		(run) => run.data.resultData.runData.Received[0].data!.main[0]![0].json,
	);
}

function attempts() {
	return sandbox.context.state.webhookDeliveries;
}

describe('Sandbox deliveries to the AITBC Trigger', () => {
	test('charge created through n8n reaches the trigger', async () => {
		await startTrigger({ events: ['charge.succeeded'] });

		const created = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'create',
				amount: 2500,
				currency: 'USD',
				source: 'tok_visa',
			}),
			{ credentials: bearerCredentials(sandbox) },
		);
		expect(created.error).toBeUndefined();
		await settle();

		const charge = created.output('AITBC')[0].json;
		const events = receivedEvents();
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ type: 'charge.succeeded', api_version: 'v1' });
		expect(events[0].id).toMatch(/^evt_/);
		expect((events[0].data as { object: unknown }).object).toEqual(charge);
		expect(listener.deliveries[0].headers['x-aitbc-event-id']).toBe(events[0].id);
		expect(listener.deliveries[0].headers['x-aitbc-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
	});

	test('events the endpoint does not list are not sent', async () => {
		await startTrigger({ events: ['charge.succeeded'] });

		const declined = await api('POST', '/payments/charges', {
			amount: 100,
			currency: 'usd',
			source: 'tok_chargeDeclined',
		});
		expect(declined.status).toBe(422);
		await settle();

		expect(listener.deliveries).toHaveLength(0);
		expect(attempts()).toHaveLength(0);
	});

	test('non-2xx answers are retried with the same event id', async () => {
		await startTrigger({ events: ['*'] }, { failFirst: 2 });

		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		expect(attempts().map((attempt) => attempt.status)).toEqual([503, 503, 200]);
		expect(attempts().map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
		expect(new Set(attempts().map((attempt) => attempt.event_id)).size).toBe(1);
		expect(listener.deliveries.map((delivery) => delivery.headers['x-aitbc-event-id'])).toEqual(
			Array(3).fill(attempts()[0].event_id),
		);
		expect(listener.executions).toHaveLength(1);
		expect(sandbox.requests.filter((line) => line.includes(' WEBHOOK '))).toHaveLength(3);
	});

	test('sender gives up after the last retry', async () => {
		await startTrigger({ events: ['*'] }, { failFirst: 10 });

		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		expect(attempts()).toHaveLength(RETRY_DELAYS_MS.length + 1);
		expect(listener.executions).toHaveLength(0);
		expect(sandbox.requests.some((line) => line.includes('gave up after 4 attempts'))).toBe(true);
	});

	test('same event delivered twice starts one execution', async () => {
		await startTrigger({ events: ['*'] });
		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();
		const [event] = receivedEvents();

		const endpointId = runtime.nodeStaticData.webhookId as string;
		sandbox.context.webhooks!.send(endpointId, event as never);
		await settle();

		expect(attempts().map((attempt) => attempt.status)).toEqual([200, 200]);
		expect(JSON.parse(listener.deliveries[1].body)).toEqual({ received: true, duplicate: true });
		expect(listener.executions).toHaveLength(1);
	});

	test('rotation signs with both secrets while the old one is valid', async () => {
		await startTrigger({ events: ['*'] });
		const endpointId = runtime.nodeStaticData.webhookId as string;

		const rotated = await api('POST', `/webhooks/${endpointId}/rotate_secret`, {
			expire_previous_in: 3600,
		});
		expect(rotated.body.data.secret).toMatch(/^whsec_/);
		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		const header = listener.deliveries[0].headers['x-aitbc-signature'] as string;
		expect(header.match(/v1=/g)).toHaveLength(2);
		expect(listener.executions).toHaveLength(1);
	});

	test('expired old secret makes the trigger reject', async () => {
		await startTrigger({ events: ['*'] });
		const endpointId = runtime.nodeStaticData.webhookId as string;

		await api('POST', `/webhooks/${endpointId}/rotate_secret`, { expire_previous_in: 0 });
		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		const header = listener.deliveries[0].headers['x-aitbc-signature'] as string;
		expect(header.match(/v1=/g)).toHaveLength(1);
		expect(attempts().map((attempt) => attempt.status)).toEqual([401, 401, 401, 401]);
		expect(listener.executions).toHaveLength(0);
	});

	test('test ping delivers webhook.test', async () => {
		await startTrigger({ events: ['*'] });
		const endpointId = runtime.nodeStaticData.webhookId as string;

		const ping = await api('POST', `/webhooks/${endpointId}/test`);
		await settle();

		expect(ping.body.data.type).toBe('webhook.test');
		expect(receivedEvents()).toEqual([
			expect.objectContaining({ id: ping.body.data.id, type: 'webhook.test' }),
		]);
	});

	test('SDK 1.0 signing rejected unless enabled', async () => {
		sandbox.context.options.webhookSigning = 'sdk-1.0';
		await startTrigger({ events: ['*'] });

		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		expect(listener.deliveries[0].headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(listener.deliveries[0].headers['x-aitbc-signature']).toBeUndefined();
		expect(attempts().every((attempt) => attempt.status === 401)).toBe(true);
		expect(listener.executions).toHaveLength(0);
	});

	test('SDK 1.0 signing accepted when enabled', async () => {
		sandbox.context.options.webhookSigning = 'sdk-1.0';
		await startTrigger({ events: ['*'], options: { acceptBodyOnlySignatures: true } });

		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		expect(attempts().map((attempt) => attempt.status)).toEqual([200]);
		expect(listener.executions).toHaveLength(1);
	});

	test('test and production URLs each verify', async () => {
		await startTrigger({ events: ['*'] });
		await runtime.activate('manual');

		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		expect(attempts().map((attempt) => attempt.status)).toEqual([200, 200]);
		expect(
			attempts()
				.map((attempt) => new URL(attempt.url).pathname.split('/')[1])
				.sort(),
		).toEqual(['webhook', 'webhook-test']);
		expect(listener.executions.map((run) => run.mode).sort()).toEqual(['manual', 'webhook']);
	});

	test('deleted endpoint receives nothing', async () => {
		await startTrigger({ events: ['*'] });
		await runtime.deactivate();

		await api('POST', '/payments/charges', { amount: 100, currency: 'usd', source: 'tok_visa' });
		await settle();

		expect(listener.deliveries).toHaveLength(0);
	});
});

describe('Sandbox webhook endpoint routes', () => {
	beforeEach(async () => {
		await startTrigger({ events: ['*'] });
	});

	test('secret is returned only on create and rotate', async () => {
		const created = await api('POST', '/webhooks', {
			url: 'http://127.0.0.1:9/hook',
			events: ['charge.succeeded'],
			description: 'routes test',
		});
		expect(created.status).toBe(201);
		expect(created.body.data.secret).toMatch(/^whsec_[0-9a-f]{48}$/);

		const fetched = await api('GET', `/webhooks/${created.body.data.id}`);
		expect(fetched.body.data).toMatchObject({
			url: 'http://127.0.0.1:9/hook',
			description: 'routes test',
		});
		expect(fetched.body.data).not.toHaveProperty('secret');
		expect(fetched.body.data).not.toHaveProperty('secrets');

		const listed = await api('GET', '/webhooks');
		expect(JSON.stringify(listed.body)).not.toContain('whsec_');
	});

	test.each([
		['missing url', { events: ['*'] }, 'url'],
		['relative url', { url: '/hook', events: ['*'] }, 'url'],
		['non-loopback url', { url: 'http://example.com/hook', events: ['*'] }, 'url'],
		['ftp url', { url: 'ftp://127.0.0.1/hook', events: ['*'] }, 'url'],
		['empty events', { url: 'http://127.0.0.1:9/hook', events: [] }, 'events'],
		['unknown event', { url: 'http://127.0.0.1:9/hook', events: ['charge.exploded'] }, 'events'],
	])('create with %s is 400', async (_label, body, field) => {
		const response = await api('POST', '/webhooks', body);

		expect(response.status).toBe(400);
		expect(response.body).toMatchObject({ error_code: 'VALIDATION_ERROR', details: { field } });
	});

	test('delete then get is 404', async () => {
		const id = runtime.nodeStaticData.webhookId as string;

		expect((await api('DELETE', `/webhooks/${id}`)).body.data).toEqual({ id, deleted: true });
		expect((await api('GET', `/webhooks/${id}`)).status).toBe(404);
		expect((await api('DELETE', `/webhooks/${id}`)).status).toBe(404);
	});

	test('rotate rejects a negative expiry', async () => {
		const id = runtime.nodeStaticData.webhookId as string;
		const response = await api('POST', `/webhooks/${id}/rotate_secret`, { expire_previous_in: -1 });

		expect(response.status).toBe(400);
		expect(response.body.details).toEqual({ field: 'expire_previous_in' });
	});
});
