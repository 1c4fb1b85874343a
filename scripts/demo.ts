import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { applyOperation } from '../sandbox/erpRecords';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { runWorkflow, type RunResult, type WorkflowJson } from '../test/harness/engine';
import { runTriggerDemo } from './trigger-demo';

const API_KEY = 'sk_test_demo';
const EXAMPLES = join(__dirname, '..', '..', 'examples');

/**
 * Runs the main job: starts the sandbox, runs the example workflows with n8n's engine, prints
 * what the AITBC nodes produced, and stops the sandbox. Exits non-zero when a workflow fails.
 */
async function main(): Promise<number> {
	const requestLog: string[] = [];
	const sandbox = await startSandbox({
		port: 0,
		apiKeys: [API_KEY],
		seedCharges: 5,
		seedErpEntities: 3,
		log: (line) => requestLog.push(line),
	});
	print(`AITBC sandbox on ${sandbox.url} (5 seeded charges, 3 records per ERP entity type)`);
	print('Amounts are in minor units: 1999 USD is 19.99 USD, 800 JPY is 800 JPY.\n');

	try {
		const failures = [...(await chargesExample(sandbox)), ...(await erpSyncExample(sandbox))];

		print(`Sandbox request log (${requestLog.length} requests):`);
		for (const line of requestLog) print(`  ${line}`);

		print('');
		heading('3. "AITBC Trigger: charge succeeded" (a signed delivery from the sandbox)');
		if ((await runTriggerDemo((text) => process.stdout.write(text))) !== 0) {
			failures.push('the trigger did not run exactly once for the genuine delivery');
		}

		for (const failure of failures) process.stderr.write(`\nA workflow failed: ${failure}\n`);
		return failures.length ? 1 : 0;
	} finally {
		await sandbox.close();
	}
}

async function chargesExample(sandbox: Sandbox): Promise<string[]> {
	const workflow = loadExample('charges.workflow.json');
	heading(`1. "${workflow.name}" (a manual run)`);

	const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox) });
	printNode(result, 'Create Charges', CHARGE_COLUMNS);
	printNode(result, 'List Charges', CHARGE_COLUMNS);
	return result.error ? [result.error.message] : [];
}

/**
 * Runs the scheduled ERP-to-payments workflow three times, as its Schedule Trigger would, and
 * adds an invoice between the second and third run, so the output shows that each run charges
 * only what arrived since the last successful one.
 */
async function erpSyncExample(sandbox: Sandbox): Promise<string[]> {
	const workflow = loadExample('erp-to-payments-sync.workflow.json');
	heading(`2. "${workflow.name}" (three scheduled runs)`);

	const failures: string[] = [];
	let staticData: IDataObject = {};
	for (let run = 1; run <= 3; run++) {
		if (run === 3) {
			applyOperation(sandbox.context, 'conn_sap01', 'invoices', 'create', undefined, {
				number: 'INV-DEMO-1',
				amount: 80,
				currency: 'jpy',
				status: 'open',
			});
			print('An ERP user adds invoice INV-DEMO-1 (80 JPY) before run 3.\n');
		}

		const result = await runWorkflow(workflow, {
			credentials: credentialsFor(sandbox),
			mode: 'trigger',
			staticData,
		});
		staticData = JSON.parse(JSON.stringify(result.staticData)) as IDataObject;
		if (result.error) failures.push(result.error.message);

		print(`Run ${run}:`);
		printNode(result, 'Open Invoices Since Last Run', [
			'id',
			'number',
			'amount',
			'currency',
			'status',
		]);
		printNode(result, 'Charge Invoices', CHARGE_COLUMNS);
		printNode(result, 'Mark Invoices Paid', ['id', 'number', 'status', 'charge_id']);
	}
	return failures;
}

const CHARGE_COLUMNS = ['id', 'amount', 'currency', 'status', 'description', 'created_at'];

function credentialsFor(sandbox: Sandbox) {
	return {
		aitbcApi: {
			baseUrl: sandbox.url,
			apiKey: API_KEY,
			apiVersion: 'v1',
			tenantId: '',
			enterpriseId: '',
		},
	};
}

function loadExample(fileName: string): WorkflowJson {
	return JSON.parse(readFileSync(join(EXAMPLES, fileName), 'utf8')) as WorkflowJson;
}

function printNode(result: RunResult, nodeName: string, columns: string[]): void {
	const rows = result.output(nodeName).map((item) => item.json);
	print(`${nodeName}: ${rows.length} item(s)`);
	if (rows.length) print(formatTable(rows, columns));
	print('');
}

function formatTable(rows: IDataObject[], columns: string[]): string {
	const cells = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
	const widths = columns.map((column, index) =>
		Math.max(column.length, ...cells.map((line) => line[index].length)),
	);
	const render = (line: string[]) =>
		line
			.map((cell, index) => cell.padEnd(widths[index]))
			.join('  ')
			.trimEnd();

	return [render(columns), render(widths.map((width) => '-'.repeat(width))), ...cells.map(render)]
		.map((line) => `  ${line}`)
		.join('\n');
}

function heading(text: string): void {
	print(`${text}\n${'='.repeat(text.length)}\n`);
}

function print(text: string): void {
	process.stdout.write(`${text}\n`);
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`Demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
