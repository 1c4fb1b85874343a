import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../test/harness/engine';
import { aitbcWorkflow } from '../../test/harness/workflows';
import { startSandboxProcess } from '../sandboxProcess';
import { median, nodeSeconds, repeat, seconds } from '../stats';
import type { CaseResult } from './types';

const BATCH_PATH = '/v1/erp/connections/conn_sap01/customers/batch';
const PER_ITEM_FIELDS = '={{ JSON.stringify({ name: $json.name }) }}';

/**
 * Measures ERP Batch of `count` create operations in items per second through the node (calls of 100 items,
 * at most 2 in flight by default) and through a raw loop that sends the same calls one by one.
 */
export async function benchErpBatch(count: number, runs: number): Promise<CaseResult> {
	const sandbox = await startSandboxProcess();
	const items = Array.from({ length: count }, (_, index) => ({ name: `Customer ${index}` }));
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
		const nodeRates = await repeat(
			runs,
			async () => await nodeBatch(items, credentials, PER_ITEM_FIELDS),
		);
		// The same calls with fields that need no expression: the difference is the time n8n's
		// expression engine takes to evaluate one expression per item.
		const constantRates = await repeat(
			runs,
			async () => await nodeBatch(items, credentials, '{"name": "Customer"}'),
		);

		const rawRates = await repeat(runs, async () => {
			const started = process.hrtime.bigint();
			let succeeded = 0;
			for (let start = 0; start < count; start += 100) {
				const operations = items
					.slice(start, start + 100)
					.map((data) => ({ action: 'create', data }));
				const response = await fetch(`${sandbox.url}${BATCH_PATH}`, {
					method: 'POST',
					headers: {
						Authorization: `Bearer ${sandbox.apiKey}`,
						'Content-Type': 'application/json',
					},
					body: JSON.stringify({ operations }),
				});
				const body = (await response.json()) as { data: Array<{ success: boolean }> };
				succeeded += body.data.filter((result) => result.success).length;
			}
			if (succeeded !== count) throw new Error(`The raw loop completed ${succeeded} of ${count}`);
			return count / seconds(started);
		});

		const node = median(nodeRates);
		const raw = median(rawRates);
		return {
			name: `ERP Batch, ${count.toLocaleString('en-US')} items`,
			unit: 'items/s',
			node,
			raw,
			ratio: node / raw,
			target: '>= 0.8',
			met: node / raw >= 0.8,
			notes: [
				'node: calls of 100 operations, at most 2 in flight (the default), timed by the execution time n8n records for the AITBC node, without building the input items upstream; raw: the same calls one at a time',
				`node with constant fields instead of a per-item expression: ${median(constantRates).toFixed(0)} items/s, ratio ${(median(constantRates) / raw).toFixed(3)}`,
			],
		};
	} finally {
		await sandbox.stop();
	}
}

async function nodeBatch(
	items: Array<{ name: string }>,
	credentials: Record<string, IDataObject>,
	fieldsJson: string,
): Promise<number> {
	const result = await runWorkflow(
		aitbcWorkflow(
			{
				resource: 'erpBatch',
				operation: 'run',
				connection: { __rl: true, mode: 'id', value: 'conn_sap01' },
				entityType: 'customers',
				action: 'create',
				fieldsInput: 'json',
				fieldsJson,
			},
			items,
		),
		{ credentials: credentials as never },
	);
	const succeeded = result.output('AITBC').filter((item) => !item.error).length;
	if (succeeded !== items.length) {
		throw new Error(`The node completed ${succeeded} of ${items.length} operations`);
	}
	return items.length / nodeSeconds(result, 'AITBC');
}
