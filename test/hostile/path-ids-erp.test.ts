import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { bearerCredentials, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const sap = { __rl: true, mode: 'id', value: 'conn_sap01' };
const fromItem = '={{ $json.id }}';

const cases: Array<{ name: string; parameters: INodeParameters; field: string }> = [
	{
		name: 'ERP get record ID',
		parameters: {
			resource: 'erpEntity',
			operation: 'get',
			connection: sap,
			entityType: 'customers',
			recordId: fromItem,
		},
		field: 'Record ID',
	},
	{
		name: 'ERP delete record ID',
		parameters: {
			resource: 'erpEntity',
			operation: 'delete',
			connection: sap,
			entityType: 'customers',
			recordId: fromItem,
		},
		field: 'Record ID',
	},
	{
		name: 'ERP update record ID',
		parameters: {
			resource: 'erpEntity',
			operation: 'update',
			connection: sap,
			entityType: 'customers',
			recordId: fromItem,
			fieldsInput: 'json',
			fieldsJson: '{"name": "x"}',
		},
		field: 'Record ID',
	},
	{
		name: 'ERP get many entity type',
		parameters: {
			resource: 'erpEntity',
			operation: 'getAll',
			connection: sap,
			entityType: fromItem,
			returnAll: true,
		},
		field: 'Entity Type',
	},
	{
		name: 'ERP create connection',
		parameters: {
			resource: 'erpEntity',
			operation: 'create',
			connection: { __rl: true, mode: 'id', value: fromItem },
			entityType: 'customers',
			fieldsInput: 'json',
			fieldsJson: '{"name": "x"}',
		},
		field: 'ERP Connection',
	},
	{
		name: 'sync get job',
		parameters: { resource: 'sync', operation: 'getJob', jobId: fromItem },
		field: 'Job ID',
	},
];

describe('ERP and sync IDs in the request path', () => {
	let sandbox: TestSandbox;

	beforeAll(async () => {
		sandbox = await startTestSandbox({ seedErpEntities: 3 });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	describe.each(cases)('$name', ({ parameters, field }) => {
		test.each(['', '..', '.'])('rejects %j before any request', async (id) => {
			const requestsBefore = sandbox.requests.length;

			const result = await runWorkflow(aitbcWorkflow(parameters, [{ id }]), {
				credentials: bearerCredentials(sandbox),
			});

			expect(result.output('AITBC')).toEqual([]);
			expect(result.error?.message).toBe(
				`Invalid ${field} in item 0: expected an ID, got ${JSON.stringify(id)}`,
			);
			expect(sandbox.requests.slice(requestsBefore)).toEqual([]);
		});
	});
});
