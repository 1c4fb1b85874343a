import { FAULT_KINDS, installFaults } from '../../sandbox/faults';
import { runWorkflow } from '../harness/engine';
import { bearerCredentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { chargeCreateWorkflow, chargesByItem, numberedItems } from './fixtures';

const ITEMS = 1_000;

describe('charge creates under injected faults', () => {
	test('every item charged exactly once', async () => {
		const sandbox = await startTestSandbox();
		const faults = installFaults(sandbox.context, { rate: 0.3, seed: 7, slowMs: 1_500 });

		try {
			const started = Date.now();
			const result = await runWorkflow(
				chargeCreateWorkflow(numberedItems(ITEMS), { maxRetries: 10, timeout: 1 }),
				{ credentials: bearerCredentials(sandbox) },
			);
			const elapsedMs = Date.now() - started;
			process.stdout.write(`${ITEMS} creates with 30 % faults took ${elapsedMs} ms\n`);

			expect(result.error).toBeUndefined();
			const output = result.output('AITBC');
			expect(output).toHaveLength(ITEMS);
			expect(output.filter((item) => item.error)).toEqual([]);
			output.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json.metadata).toEqual({ n: index });
			});
			expect(new Set(output.map((item) => item.json.id)).size).toBe(ITEMS);

			expect(sandbox.context.state.created.charge).toBe(ITEMS);
			const groups = chargesByItem(sandbox);
			expect(groups.size).toBe(ITEMS);
			expect([...groups.values()].filter((charges) => charges.length !== 1)).toEqual([]);

			for (const kind of FAULT_KINDS) expect(faults.counts[kind]).toBeGreaterThan(0);
			expect(sandbox.context.state.idempotency.replays).toBeGreaterThan(0);
			expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges').length).toBeGreaterThan(
				ITEMS,
			);
		} finally {
			await sandbox.close();
		}
	}, 180_000);
});
