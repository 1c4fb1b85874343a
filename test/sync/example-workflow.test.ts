import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { applyOperation } from '../../sandbox/erpRecords';
import { runWorkflow, type WorkflowJson } from '../harness/engine';
import { bearerCredentials, startTestSandbox } from '../harness/sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'erp-to-payments-sync.workflow.json');

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox({ seedErpEntities: 3 });
});

afterAll(async () => {
	await sandbox.close();
});

async function scheduledRun(staticData: IDataObject) {
	const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as WorkflowJson;
	const result = await runWorkflow(workflow, {
		credentials: bearerCredentials(sandbox),
		mode: 'trigger',
		staticData: structuredClone(staticData),
	});
	return { result, staticData: JSON.parse(JSON.stringify(result.staticData)) as IDataObject };
}

describe('ERP-to-payments example workflow', () => {
	test('charges each open invoice once across scheduled runs', async () => {
		const invoices = sandbox.context.state.erp.entitiesOf('conn_sap01', 'invoices');

		const run1 = await scheduledRun({});
		expect(run1.result.error).toBeUndefined();
		const charges = run1.result.output('Charge Invoices').map((item) => item.json);
		expect(charges.map((charge) => charge.amount)).toEqual([2015, 2030, 2045]);
		expect(
			charges.every((charge) => charge.status === 'succeeded' && charge.currency === 'eur'),
		).toBe(true);
		expect(invoices.all().map((invoice) => invoice.status)).toEqual(['paid', 'paid', 'paid']);
		expect(invoices.all().map((invoice) => invoice.charge_id)).toEqual(
			charges.map((charge) => charge.id),
		);

		const run2 = await scheduledRun(run1.staticData);
		expect(run2.result.error).toBeUndefined();
		expect(run2.result.output('Charge Invoices')).toHaveLength(0);

		const invoice = applyOperation(sandbox.context, 'conn_sap01', 'invoices', 'create', undefined, {
			number: 'INV-30001',
			amount: 80,
			currency: 'jpy',
			status: 'open',
		});
		const run3 = await scheduledRun(run2.staticData);
		expect(run3.result.error).toBeUndefined();
		expect(run3.result.output('Charge Invoices').map((item) => item.json.amount)).toEqual([80]);
		expect(invoices.get(invoice.id)?.status).toBe('paid');
		expect(sandbox.context.state.created.charge).toBe(4);
	});
});
