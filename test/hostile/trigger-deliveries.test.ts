import { createHmac, randomBytes } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { MAX_RECENT_EVENTS, RECENT_EVENT_LIMIT } from '../../nodes/AitbcTrigger/staticData';
import { bearerCredentials, startTestSandbox, TEST_API_KEY } from '../harness/sandbox';
import {
	nowSeconds,
	postDelivery,
	receivedItems,
	startTriggerListener,
	testEventBody,
	triggerWorkflow,
	TriggerRuntime,
	type TriggerListener,
} from '../harness/trigger';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;
let runtime: TriggerRuntime;
let listener: TriggerListener;
let secret: string;

async function startTrigger(options: INodeParameters = {}, events = ['*']): Promise<void> {
	runtime = new TriggerRuntime(triggerWorkflow({ events, options }), bearerCredentials(sandbox));
	listener = await startTriggerListener(runtime);
	await runtime.activate();
	secret = runtime.nodeStaticData.webhookSecret as string;
}

beforeEach(async () => {
	sandbox = await startTestSandbox({ webhookRetryDelaysMs: [20, 40, 80] });
});

afterEach(async () => {
	await listener.close();
	await sandbox.close();
});

function sign(body: Buffer, timestamp: number | string = nowSeconds()): string {
	const digest = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
	return `t=${timestamp},v1=${digest}`;
}

const post = (body: Buffer, headers: Record<string, string>) =>
	postDelivery(listener, body, headers);

describe('replay after the recent event list rolls over', () => {
	test('replay within the tolerance starts nothing', async () => {
		await startTrigger({}, ['charge.succeeded']);
		const original = testEventBody();
		const header = sign(original);
		expect((await post(original, { 'X-AITBC-Signature': header })).status).toBe(200);

		// Events of a type the workflow ignores are still recorded, so they push the first one out.
		for (let index = 0; index < RECENT_EVENT_LIMIT; index++) {
			const filler = testEventBody({ type: 'charge.failed' });
			await post(filler, { 'X-AITBC-Signature': sign(filler) });
		}
		const replay = await post(original, { 'X-AITBC-Signature': header });

		expect(replay.status).toBe(200);
		expect(JSON.parse(replay.text)).toEqual({ received: true, duplicate: true });
		expect(listener.executions).toHaveLength(1);
	});

	test('ids older than the tolerance are dropped', async () => {
		await startTrigger({ toleranceSeconds: 60 });
		const stale = nowSeconds() - 50;
		for (let index = 0; index < RECENT_EVENT_LIMIT + 50; index++) {
			const body = testEventBody({ type: 'webhook.test' });
			await post(body, { 'X-AITBC-Signature': sign(body, stale) });
		}
		expect(runtime.nodeStaticData.recentEventIds).toHaveLength(RECENT_EVENT_LIMIT + 50);

		// Signatures 50 seconds old age out of a 60 second tolerance 10 seconds later.
		const times = runtime.nodeStaticData.recentEventTimes as number[];
		runtime.nodeStaticData.recentEventTimes = times.map((time) => time - 20);
		const body = testEventBody({ type: 'webhook.test' });
		await post(body, { 'X-AITBC-Signature': sign(body) });

		expect(runtime.nodeStaticData.recentEventIds).toHaveLength(RECENT_EVENT_LIMIT);
	});

	test('list stays bounded within the tolerance', async () => {
		await startTrigger();
		runtime.nodeStaticData.recentEventIds = Array.from(
			{ length: MAX_RECENT_EVENTS },
			(_, index) => `evt_filler_${index}`,
		);
		runtime.nodeStaticData.recentEventTimes = Array(MAX_RECENT_EVENTS).fill(nowSeconds());
		const body = testEventBody({ type: 'webhook.test' });

		expect((await post(body, { 'X-AITBC-Signature': sign(body) })).status).toBe(200);
		const ids = runtime.nodeStaticData.recentEventIds as string[];
		expect(ids).toHaveLength(MAX_RECENT_EVENTS);
		expect(ids[0]).toBe('evt_filler_1');
	});

	test('list stored without times still works', async () => {
		await startTrigger();
		const body = testEventBody();
		const id = JSON.parse(body.toString()).id as string;
		runtime.nodeStaticData.recentEventIds = [id];
		delete runtime.nodeStaticData.recentEventTimes;

		const response = await post(body, { 'X-AITBC-Signature': sign(body) });

		expect(JSON.parse(response.text)).toEqual({ received: true, duplicate: true });
		expect(listener.executions).toHaveLength(0);
	});
});

describe('event shapes that look like n8n items', () => {
	test('event with a top-level json key stays whole', async () => {
		await startTrigger();
		const body = testEventBody({ json: { forged: true }, binary: { file: { data: 'eA==' } } });

		expect((await post(body, { 'X-AITBC-Signature': sign(body) })).status).toBe(200);
		const [item] = receivedItems(listener)[0];
		expect(item.json).toEqual(JSON.parse(body.toString()));
		expect(item.binary).toBeUndefined();
	});

	test('ERP record with a json field, Object Only', async () => {
		await startTrigger({ output: 'object' }, ['erp.entity.created']);
		const created = await fetch(`${sandbox.url}/v1/erp/connections/conn_sap01/customers`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ name: 'Acme', json: 'raw export', binary: { x: 1 } }),
		});
		expect(created.status).toBe(201);

		await sandbox.context.webhooks!.idle();
		await listener.idle();

		expect(listener.executions).toHaveLength(1);
		const [item] = receivedItems(listener)[0];
		expect(item.json).toMatchObject({ name: 'Acme', json: 'raw export', binary: { x: 1 } });
		expect(item.binary).toBeUndefined();
	});

	test.each([
		['a string', 'ch_text'],
		['an array', [{ id: 'ch_1' }, { id: 'ch_2' }]],
		['a number', 5],
	])('Object Only with data.object %s gets 400', async (_label, object) => {
		await startTrigger({ output: 'object' });
		const body = testEventBody({ data: { object } });

		const response = await post(body, { 'X-AITBC-Signature': sign(body) });

		expect(response.status).toBe(400);
		expect(listener.executions).toHaveLength(0);
	});

	test('Whole Event with a string data.object runs', async () => {
		await startTrigger();
		const body = testEventBody({ data: { object: 'ch_text' } });

		expect((await post(body, { 'X-AITBC-Signature': sign(body) })).status).toBe(200);
		expect(receivedItems(listener)[0][0].json.data).toEqual({ object: 'ch_text' });
	});

	test('prototype keys stay plain data', async () => {
		await startTrigger();
		const text =
			`{"id":"evt_proto_${randomBytes(4).toString('hex')}","type":"charge.succeeded",` +
			`"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},` +
			`"data":{"object":{"__proto__":{"polluted":true}}}}`;
		const body = Buffer.from(text, 'utf8');

		expect((await post(body, { 'X-AITBC-Signature': sign(body) })).status).toBe(200);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
		expect(listener.executions).toHaveLength(1);
	});
});

describe('signature header edge cases', () => {
	beforeEach(async () => {
		await startTrigger();
	});

	test.each([
		['upper-case keys', 401, (t: number, v: string) => `T=${t},V1=${v}`],
		['spaces around parts', 200, (t: number, v: string) => ` t = ${t} , v1 = ${v} `],
		['a float timestamp', 401, (t: number, v: string) => `t=${t}.0,v1=${v}`],
		['an exponent timestamp', 401, (t: number, v: string) => `t=${t / 1e9}e9,v1=${v}`],
		['a trailing comma', 401, (t: number, v: string) => `t=${t},v1=${v},`],
		['an unknown scheme first', 200, (t: number, v: string) => `v0=abc,t=${t},v1=${v}`],
	])('header with %s gets %s', async (_label, expected, build) => {
		const body = testEventBody();
		const t = nowSeconds();
		const digest = sign(body, t).split('v1=')[1];

		const response = await post(body, { 'X-AITBC-Signature': build(t, digest) });

		expect(response.status).toBe(expected);
	});

	test('huge or negative timestamps get 401', async () => {
		const body = testEventBody();
		for (const t of ['-1', '99999999999999', '1e12', '0x65', 'NaN']) {
			const response = await post(body, { 'X-AITBC-Signature': sign(body, t) });
			expect({ t, status: response.status }).toEqual({ t, status: 401 });
		}
		expect(listener.executions).toHaveLength(0);
	});

	test('hundreds of wrong v1 values before the right one', async () => {
		const body = testEventBody();
		const t = nowSeconds();
		const wrong = Array.from({ length: 150 }, () => `v1=${randomBytes(32).toString('hex')}`);
		const header = [`t=${t}`, ...wrong, sign(body, t).split(',')[1]].join(',');
		expect(header.length).toBeGreaterThan(10_000);

		const response = await post(body, { 'X-AITBC-Signature': header });

		expect(response.status).toBe(200);
		expect(listener.executions).toHaveLength(1);
	});

	// Node's HTTP server returns 431 above its 16 KiB header limit, before the node runs.
	test('header above the server limit never reaches the node', async () => {
		const body = testEventBody();
		const header = `${sign(body)},${'v1=00,'.repeat(5_000)}v1=00`;

		const response = await post(body, { 'X-AITBC-Signature': header });

		expect(response.status).toBe(431);
		expect(listener.deliveries).toHaveLength(0);
	});

	test('event id header differing from the body is ignored', async () => {
		const body = testEventBody();
		const signedId = JSON.parse(body.toString()).id as string;

		const first = await post(body, {
			'X-AITBC-Signature': sign(body),
			'X-AITBC-Event-Id': 'evt_other',
		});
		const again = await post(body, {
			'X-AITBC-Signature': sign(body),
			'X-AITBC-Event-Id': 'evt_something_else',
		});

		expect(first.status).toBe(200);
		expect(JSON.parse(again.text)).toEqual({ received: true, duplicate: true });
		expect(runtime.nodeStaticData.recentEventIds).toEqual([signedId]);
		expect(listener.executions).toHaveLength(1);
	});
});
