import { runWorkflow } from '../../test/harness/engine';
import { aitbcWorkflow } from '../../test/harness/workflows';
import { rawListAll } from '../raw';
import { startSandboxProcess } from '../sandboxProcess';
import { median, repeat, seconds } from '../stats';
import type { CaseResult } from './types';

/** Measures Return All over `count` seeded charges in items per second through the node and raw. */
export async function benchReturnAll(count: number, runs: number): Promise<CaseResult> {
	const sandbox = await startSandboxProcess(['--seed', String(count)]);
	const credentials = {
		aitbcApi: {
			baseUrl: sandbox.url,
			apiKey: sandbox.apiKey,
			apiVersion: 'v1',
			tenantId: '',
			enterpriseId: '',
		},
	};

	try {
		const nodeRates = await repeat(runs, async () => {
			const started = process.hrtime.bigint();
			const result = await runWorkflow(
				aitbcWorkflow({
					resource: 'charge',
					operation: 'getAll',
					returnAll: true,
					simplify: false,
				}),
				{ credentials },
			);
			const items = result.output('AITBC').length;
			if (items !== count) throw new Error(`The node returned ${items} of ${count} charges`);
			return count / seconds(started);
		});

		const rawRates = await repeat(runs, async () => {
			const started = process.hrtime.bigint();
			const records = await rawListAll(sandbox.url, sandbox.apiKey, '/payments/charges');
			if (records.length !== count)
				throw new Error(`The raw loop read ${records.length} of ${count}`);
			return count / seconds(started);
		});

		const node = median(nodeRates);
		const raw = median(rawRates);
		return {
			name: `Return All, ${count.toLocaleString('en-US')} charges`,
			unit: 'items/s',
			node,
			raw,
			ratio: node / raw,
			target: '>= 0.85',
			met: node / raw >= 0.85,
			notes: [],
		};
	} finally {
		await sandbox.stop();
	}
}
