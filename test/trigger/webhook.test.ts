import { createHmac, randomBytes } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { bearerCredentials, startTestSandbox } from '../harness/sandbox';
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
	sandbox = await startTestSandbox();
	await startTrigger();
});

afterEach(async () => {
	await listener.close();
	await sandbox.close();
});

function hmacHex(key: string, ...parts: Array<string | Buffer>): string {
	const hmac = createHmac('sha256', key);
	for (const part of parts) hmac.update(part);
	return hmac.digest('hex');
}

function signatureHeader(body: Buffer, key = secret, timestamp = nowSeconds()): string {
	return `t=${timestamp},v1=${hmacHex(key, `${timestamp}.`, body)}`;
}

const post = (body: Buffer, headers: Record<string, string>) =>
	postDelivery(listener, body, headers);

describe('AITBC Trigger signature verification', () => {
	test('valid delivery starts one execution', async () => {
		const body = testEventBody();
		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(200);
		expect(listener.executions).toHaveLength(1);
		expect(listener.executions[0].data.resultData.error).toBeUndefined();
		expect(receivedItems(listener)[0].map((item) => item.json)).toEqual([
			JSON.parse(body.toString()),
		]);
	});

	test('missing header is rejected', async () => {
		const response = await post(testEventBody(), {});

		expect(response.status).toBe(401);
		expect(listener.executions).toHaveLength(0);
	});

	test('wrong secret is rejected', async () => {
		const body = testEventBody();
		const response = await post(body, {
			'X-AITBC-Signature': signatureHeader(body, 'whsec_wrong'),
		});

		expect(response.status).toBe(401);
		expect(listener.executions).toHaveLength(0);
	});

	test.each([
		['301 seconds in the past', -301, 401],
		['301 seconds in the future', 301, 401],
		['295 seconds in the past', -295, 200],
		['295 seconds in the future', 295, 200],
	])('timestamp %s gets %s', async (_label, offset, expected) => {
		const body = testEventBody();
		const header = signatureHeader(body, secret, nowSeconds() + offset);
		const response = await post(body, { 'X-AITBC-Signature': header });

		expect(response.status).toBe(expected);
		expect(listener.executions).toHaveLength(expected === 200 ? 1 : 0);
	});

	test('custom tolerance applies', async () => {
		await listener.close();
		await startTrigger({ toleranceSeconds: 10 });
		const body = testEventBody();
		const header = signatureHeader(body, secret, nowSeconds() - 30);
		const response = await post(body, { 'X-AITBC-Signature': header });

		expect(response.status).toBe(401);
	});

	test('malformed headers and signatures get 401 without exceptions', async () => {
		const body = testEventBody();
		const t = nowSeconds();
		const good = hmacHex(secret, `${t}.`, body);
		const headers = [
			'garbage',
			`v1=${good}`,
			`t=${t}`,
			`t=${t},v1=`,
			`t=abc,v1=${good}`,
			`t=${t},t=${t},v1=${good}`,
			`t=${t},,v1=${good}`,
			`t=-${t},v1=${good}`,
			`t=${t},v1=${'zz'.repeat(32)}`,
			`t=${t},v1=${good.slice(0, 62)}`,
			`t=${t},v1=${good}00`,
			`t=${t},v1=${good.slice(0, 63)}`,
			`t=${t},v2=${good}`,
			`t=${t};v1=${good}`,
		];

		for (const header of headers) {
			const response = await post(body, { 'X-AITBC-Signature': header });
			expect({ header, status: response.status }).toEqual({ header, status: 401 });
		}
		expect(listener.deliveries.map((delivery) => delivery.error)).toEqual(
			headers.map(() => undefined),
		);
		expect(listener.executions).toHaveLength(0);
	});

	test('raw bytes are verified, not re-serialized JSON', async () => {
		const id = `evt_${randomBytes(8).toString('hex')}`;
		const text = `{"id":  "${id}", "type": "charge.succeeded",  "data": {"object": {"amount": 1.0}}}`;
		const body = Buffer.from(text, 'utf8');
		expect(JSON.stringify(JSON.parse(text))).not.toBe(text);

		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(200);
		expect(receivedItems(listener)[0][0].json).toEqual({
			id,
			type: 'charge.succeeded',
			data: { object: { amount: 1 } },
		});
	});

	test('non-ASCII and emoji bodies verify', async () => {
		const description = 'Zahlung für Müller – 寿司 🍣👍🏽';
		const body = testEventBody({ data: { object: { id: 'ch_utf8', description } } });
		expect(body.length).toBeGreaterThan(body.toString('utf8').length);

		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(200);
		expect(
			(receivedItems(listener)[0][0].json.data as { object: { description: string } }).object
				.description,
		).toBe(description);
	});

	test('signed empty body gets 400', async () => {
		const body = Buffer.alloc(0);
		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(400);
		expect(listener.executions).toHaveLength(0);
	});

	test('unsigned empty body gets 401', async () => {
		const response = await post(Buffer.alloc(0), {
			'X-AITBC-Signature': signatureHeader(testEventBody()),
		});

		expect(response.status).toBe(401);
	});

	test.each([
		['not JSON', 'not json at all'],
		['a JSON array', '[1, 2]'],
		['an event without id', '{"type": "charge.succeeded"}'],
		['an event without type', '{"id": "evt_1"}'],
	])('signed body that is %s gets 400', async (_label, text) => {
		const body = Buffer.from(text, 'utf8');
		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(400);
		expect(listener.executions).toHaveLength(0);
	});

	test('unsigned body that is not JSON gets 401', async () => {
		const response = await post(Buffer.from('not json'), {});

		expect(response.status).toBe(401);
	});

	test.each([
		['stored secret first', true],
		['stored secret second', false],
	])('two v1 values during rotation, %s', async (_label, storedFirst) => {
		const body = testEventBody();
		const t = nowSeconds();
		const stored = `v1=${hmacHex(secret, `${t}.`, body)}`;
		const other = `v1=${hmacHex('whsec_next', `${t}.`, body)}`;
		const signatures = storedFirst ? [stored, other] : [other, stored];

		const response = await post(body, { 'X-AITBC-Signature': [`t=${t}`, ...signatures].join(',') });

		expect(response.status).toBe(200);
		expect(listener.executions).toHaveLength(1);
	});

	test('same event twice starts one execution', async () => {
		const body = testEventBody();

		const first = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });
		const second = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(first.status).toBe(200);
		expect(second.status).toBe(200);
		expect(JSON.parse(second.text)).toEqual({ received: true, duplicate: true });
		expect(listener.executions).toHaveLength(1);
	});

	test('rejected delivery does not mark its event as seen', async () => {
		const body = testEventBody();

		const forged = await post(body, { 'X-AITBC-Signature': signatureHeader(body, 'whsec_wrong') });
		const genuine = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(forged.status).toBe(401);
		expect(genuine.status).toBe(200);
		expect(listener.executions).toHaveLength(1);
	});

	test('SDK 1.0 body-only signature rejected by default', async () => {
		const body = testEventBody();
		const response = await post(body, { 'X-Signature': hmacHex(secret, body) });

		expect(response.status).toBe(401);
		expect(listener.executions).toHaveLength(0);
	});

	test('SDK 1.0 body-only signature accepted when enabled', async () => {
		await listener.close();
		await startTrigger({ acceptBodyOnlySignatures: true });
		const body = testEventBody();

		const wrong = await post(body, { 'X-Signature': hmacHex('whsec_wrong', body) });
		const right = await post(body, { 'X-Signature': hmacHex(secret, body) });

		expect(wrong.status).toBe(401);
		expect(right.status).toBe(200);
		expect(listener.executions).toHaveLength(1);
	});

	test('no stored secret rejects everything', async () => {
		delete runtime.nodeStaticData.webhookSecret;
		const body = testEventBody();
		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(401);
		expect(listener.executions).toHaveLength(0);
	});

	test('missing raw body is rejected', async () => {
		await listener.close();
		listener = await startTriggerListener(runtime, { omitRawBody: true });
		const body = testEventBody();
		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(401);
		expect(listener.executions).toHaveLength(0);
	});

	test('Object Only output emits data.object', async () => {
		await listener.close();
		await startTrigger({ output: 'object' });
		const body = testEventBody();
		await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(receivedItems(listener)[0].map((item) => item.json)).toEqual([
			{ id: 'ch_test', object: 'charge', amount: 1050, currency: 'eur' },
		]);
	});

	test('event type not selected starts nothing', async () => {
		await listener.close();
		await startTrigger({}, ['charge.failed']);
		const body = testEventBody();
		const response = await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		expect(response.status).toBe(200);
		expect(listener.executions).toHaveLength(0);
	});

	test('secret stays out of items and logs', async () => {
		const logger = runtime.logger();
		const calls = (['debug', 'info', 'warn', 'error'] as const).map((level) =>
			jest.spyOn(logger, level),
		);
		const body = testEventBody();

		await post(body, {});
		await post(body, { 'X-AITBC-Signature': signatureHeader(body, 'whsec_wrong') });
		await post(Buffer.from('x'), { 'X-AITBC-Signature': signatureHeader(Buffer.from('x')) });
		await post(body, { 'X-AITBC-Signature': signatureHeader(body) });
		await post(body, { 'X-AITBC-Signature': signatureHeader(body) });

		const logged = JSON.stringify(calls.flatMap((spy) => spy.mock.calls));
		expect(calls[2].mock.calls).toHaveLength(1);
		expect(calls[0].mock.calls.length).toBeGreaterThanOrEqual(3);
		expect(logged).toContain('no v1 signature matches');
		expect(logged).not.toContain(secret);
		expect(
			JSON.stringify(listener.executions.map((run) => run.data.resultData.runData)),
		).not.toContain(secret);
		expect(listener.deliveries.map((delivery) => delivery.body).join('\n')).not.toContain(secret);
		calls.forEach((spy) => spy.mockRestore());
	});

	test('repeated rejections warn once a minute', async () => {
		const logger = runtime.logger();
		const warn = jest.spyOn(logger, 'warn');
		const debug = jest.spyOn(logger, 'debug');

		for (let attempt = 0; attempt < 5; attempt++) await post(testEventBody(), {});

		expect(warn.mock.calls).toHaveLength(1);
		expect(warn.mock.calls[0][0]).toContain('X-AITBC-Signature header is missing');
		expect(debug.mock.calls.filter(([message]) => message.includes('rejected'))).toHaveLength(4);
		warn.mockRestore();
		debug.mockRestore();
	});
});
