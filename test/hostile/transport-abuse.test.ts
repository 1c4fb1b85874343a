import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { NodeApiError } from 'n8n-workflow';

import { installFaults, type FaultInjector } from '../../sandbox/faults';
import type { Sandbox } from '../../sandbox/server';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { chargeCreateWorkflow, numberedItems } from '../resilience/fixtures';

const CHARGES = '/v1/payments/charges';

/** Half the first backoff ceiling of 500 ms: the shortest wait before a first retry. */
const MIN_FIRST_BACKOFF_MS = 250;

describe('Retry-After that is not a delay or an HTTP date', () => {
	let sandbox: Sandbox & { requests: string[] };
	let faults: FaultInjector;

	beforeEach(async () => {
		sandbox = await startTestSandbox();
		faults = installFaults(sandbox.context);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	// V8's Date.parse reads "Foo 3000" as 1 January 3000.
	test('text ending in a far year falls back to backoff', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: 1,
			status: 429,
			headers: { 'Retry-After': 'Foo 3000' },
		});

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1)), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('AITBC')[0].json.object).toBe('charge');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(2);
	});

	// V8's Date.parse reads "garbage 5" as 1 May 2001, a date in the past that means no wait.
	test('text ending in a small number waits a backoff', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: 1,
			status: 503,
			headers: { 'Retry-After': 'garbage 5' },
		});

		const started = Date.now();
		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1)), {
			credentials: bearerCredentials(sandbox),
		});
		const elapsedMs = Date.now() - started;

		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(2);
		expect(elapsedMs).toBeGreaterThanOrEqual(MIN_FIRST_BACKOFF_MS);
	});

	test.each([['-5'], ['1e3'], ['Infinity'], ['.5']])('%j falls back to backoff', async (value) => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: 1,
			status: 429,
			headers: { 'Retry-After': value },
		});

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1)), {
			credentials: bearerCredentials(sandbox),
		});

		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(2);
	});

	test('429 forever with Retry-After 0 stops at Max Retries', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: Number.POSITIVE_INFINITY,
			status: 429,
			headers: { 'Retry-After': '0' },
		});

		const result = await runWorkflow(
			chargeCreateWorkflow(numberedItems(2), { maxRetries: 3 }, true),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect((output[0].error as NodeApiError).httpCode).toBe('429');
		expect(output[0].error?.description).toContain('Failed 4 times');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(8);
	});

	test('409 CONFLICT forever stops at Max Retries', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: Number.POSITIVE_INFINITY,
			status: 409,
			errorCode: 'CONFLICT',
		});

		const result = await runWorkflow(
			chargeCreateWorkflow(numberedItems(2), { maxRetries: 2 }, true),
			{ credentials: bearerCredentials(sandbox) },
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect((output[1].error as NodeApiError).context.errorCode).toBe('CONFLICT');
		expect(output[1].error?.description).toContain('Failed 3 times');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(6);
	});

	test('huge Retry-After fails at once, naming the wait', async () => {
		faults.force({
			method: 'POST',
			path: CHARGES,
			count: 1,
			status: 429,
			headers: { 'Retry-After': '99999999999999999999' },
		});

		const result = await runWorkflow(chargeCreateWorkflow(numberedItems(1), {}, true), {
			credentials: bearerCredentials(sandbox),
		});

		const [item] = result.output('AITBC');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.error?.message).toContain('longer than the Max Total Wait of 60 seconds');
		expect(requestsTo(sandbox.requests, 'POST', CHARGES)).toHaveLength(1);
	});
});

describe('server that resets every connection', () => {
	let server: Server;
	let connections = 0;
	let url: string;

	beforeEach(async () => {
		connections = 0;
		server = createServer();
		server.on('connection', (socket) => {
			connections++;
			socket.resetAndDestroy();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterEach(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	test('each item fails after Max Retries, paired', async () => {
		const credentials = {
			aitbcApi: {
				baseUrl: url,
				apiKey: 'sk_test_reset',
				apiVersion: 'v1',
				tenantId: '',
				enterpriseId: '',
			},
		};

		const result = await runWorkflow(
			chargeCreateWorkflow(numberedItems(2), { maxRetries: 2 }, true),
			{ credentials },
		);

		expect(result.error).toBeUndefined();
		const output = result.output('AITBC');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].error?.message).toBe('AITBC request failed: ECONNRESET');
		expect(output[1].error?.description).toContain('Failed 3 times');
		expect(connections).toBe(6);
		expect(JSON.stringify(output)).not.toContain('sk_test_reset');
	});
});
