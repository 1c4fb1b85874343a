import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../sandbox/server';
import { runWorkflow, type WorkflowJson } from '../test/harness/engine';

const API_KEY = 'sk_test_demo';
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'charges.workflow.json');

/**
 * The main job: start the sandbox, run the example workflow with n8n's engine, print what the
 * AITBC nodes produced, stop the sandbox. Exits non-zero when the workflow fails.
 */
async function main(): Promise<number> {
	const requestLog: string[] = [];
	const sandbox = await startSandbox({ port: 0, apiKeys: [API_KEY], seedCharges: 5, log: (line) => requestLog.push(line) });
	process.stdout.write(`AITBC sandbox on ${sandbox.url} (5 seeded charges)\n`);

	try {
		const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as WorkflowJson;
		process.stdout.write(`Running "${workflow.name}" with n8n's WorkflowExecute\n\n`);

		const result = await runWorkflow(workflow, {
			credentials: {
				aitbcApi: { baseUrl: sandbox.url, apiKey: API_KEY, apiVersion: 'v1', tenantId: '', enterpriseId: '' },
			},
		});

		for (const nodeName of ['Create Charges', 'List Charges']) {
			const rows = result.output(nodeName).map((item) => item.json);
			process.stdout.write(`${nodeName}: ${rows.length} item(s)\n`);
			process.stdout.write(`${formatTable(rows)}\n\n`);
		}

		process.stdout.write(`Sandbox handled ${requestLog.length} requests:\n`);
		for (const line of requestLog) process.stdout.write(`  ${line}\n`);

		if (result.error) {
			process.stderr.write(`\nThe workflow failed: ${result.error.message}\n`);
			return 1;
		}
		return 0;
	} finally {
		await sandbox.close();
	}
}

const COLUMNS = ['id', 'amount', 'currency', 'status', 'description', 'created_at'];

function formatTable(rows: IDataObject[]): string {
	const cells = rows.map((row) => COLUMNS.map((column) => String(row[column] ?? '')));
	const widths = COLUMNS.map((column, index) =>
		Math.max(column.length, ...cells.map((line) => line[index].length)),
	);
	const render = (line: string[]) => line.map((cell, index) => cell.padEnd(widths[index])).join('  ');

	return [render(COLUMNS), render(widths.map((width) => '-'.repeat(width))), ...cells.map(render)].join('\n');
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`Demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
