import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { installFaults } from '../../sandbox/faults';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, startTestSandbox, TEST_API_KEY } from '../harness/sandbox';
import { chargeCreateWorkflow, chargeListWorkflow, numberedItems } from './fixtures';

const CHARGES = '/v1/payments/charges';

type LogCall = [string, Record<string, unknown>];

describe('retry logging', () => {
	const realLogger = Container.get(Logger);
	let debugCalls: LogCall[];
	let infoCalls: LogCall[];

	beforeEach(() => {
		debugCalls = [];
		infoCalls = [];
		// Logger methods are read-only, so a recording object that inherits the rest replaces it.
		const recording = Object.create(realLogger, {
			debug: { value: (...args: LogCall) => debugCalls.push(args) },
			info: { value: (...args: LogCall) => infoCalls.push(args) },
		}) as Logger;
		Container.set(Logger, recording);
	});

	afterEach(() => {
		Container.set(Logger, realLogger);
	});

	const aitbc = (calls: LogCall[]) =>
		calls.filter(([message]) => String(message).startsWith('AITBC'));

	test('retries at debug, one summary at info', async () => {
		const sandbox = await startTestSandbox();
		const faults = installFaults(sandbox.context);
		faults.force({ method: 'POST', path: CHARGES, count: 1, status: 503 });

		try {
			const result = await runWorkflow(chargeCreateWorkflow(numberedItems(3)), {
				credentials: bearerCredentials(sandbox),
			});
			expect(result.error).toBeUndefined();
		} finally {
			await sandbox.close();
		}

		const retries = aitbc(debugCalls).filter(([message]) => message.includes('will be retried'));
		expect(retries).toHaveLength(1);
		expect(retries[0][1]).toEqual({
			method: 'POST',
			path: '/payments/charges',
			status: 503,
			reason: 'unavailable',
			attempt: 1,
			delayMs: expect.any(Number),
		});

		const summaries = aitbc(infoCalls);
		expect(summaries).toHaveLength(1);
		expect(summaries[0][1]).toEqual({
			node: 'AITBC',
			requests: 4,
			retries: 1,
			rateLimited: 0,
			waitedMs: retries[0][1].delayMs,
		});

		const logged = JSON.stringify([...aitbc(debugCalls), ...aitbc(infoCalls)]);
		expect(logged).not.toContain(TEST_API_KEY);
		expect(logged).not.toContain('Bearer');
	});

	test('one summary for a list of many pages', async () => {
		const sandbox = await startTestSandbox({ seedCharges: 350 });
		try {
			const result = await runWorkflow(chargeListWorkflow(), {
				credentials: bearerCredentials(sandbox),
			});
			expect(result.output('AITBC')).toHaveLength(350);
		} finally {
			await sandbox.close();
		}

		const summaries = aitbc(infoCalls);
		expect(summaries).toHaveLength(1);
		expect(summaries[0][1]).toMatchObject({ requests: 4, retries: 0 });
	});
});
