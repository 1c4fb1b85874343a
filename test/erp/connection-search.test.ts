import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { searchErpConnections } from '../../nodes/Aitbc/listSearch/searchErpConnections';
import { credentialTypes, nodeTypesByName } from '../harness/engine';
import { HarnessCredentialsHelper } from '../harness/credentials';
import { bearerCredentials, startTestSandbox } from '../harness/sandbox';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

/** The context n8n's editor gives a list search: n8n-core's LoadOptionsContext for one node. */
function loadOptionsContext(): LoadOptionsContext {
	const nodeTypes: INodeTypes = {
		getByName: (type: string): INodeType => nodeTypesByName[type],
		getByNameAndVersion: (type: string): INodeType => nodeTypesByName[type],
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'aitbc',
		name: 'AITBC',
		type: 'n8n-nodes-aitbc.aitbc',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'erpEntity', operation: 'get' },
		credentials: { aitbcApi: { id: 'cred-bearer', name: 'AITBC sandbox' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new HarnessCredentialsHelper(
		new Map(credentialTypes.map((type) => [type.name, type])),
		new Map(Object.entries(bearerCredentials(sandbox))),
	);
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: node.parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.connection');
}

describe('ERP connection search', () => {
	test('lists every connection with its system', async () => {
		const { results, paginationToken } = await searchErpConnections.call(loadOptionsContext());

		expect(paginationToken).toBeUndefined();
		expect(results.map((result) => result.value)).toEqual([
			'conn_sap01',
			'conn_oracle01',
			'conn_netsuite01',
			'conn_dynamics01',
			'conn_salesforce01',
			'conn_broken01',
		]);
		expect(results[0]).toEqual({
			name: 'SAP S/4HANA (EU) (sap)',
			value: 'conn_sap01',
			description: 'conn_sap01 · active',
		});
	});

	test('filters by system or status', async () => {
		const bySystem = await searchErpConnections.call(loadOptionsContext(), 'NETSUITE');
		expect(bySystem.results.map((result) => result.value)).toEqual(['conn_netsuite01']);

		const byStatus = await searchErpConnections.call(loadOptionsContext(), 'error');
		expect(byStatus.results.map((result) => result.value)).toEqual(['conn_broken01']);
	});
});
