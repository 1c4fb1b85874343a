import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials';
import { credentialTypes, nodeTypesByName } from './engine';
import { aitbcWorkflow } from './workflows';

/**
 * Calls one of the AITBC node's list searches the way the editor does when a user opens a
 * resource locator: with a LoadOptionsContext over the node's current parameters.
 */
export async function runListSearch(
	methodName: string,
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const nodeTypes: INodeTypes = {
		getByName: (type) => nodeTypesByName[type],
		getByNameAndVersion: (type) => nodeTypesByName[type],
		getKnownTypes: () => ({}),
	};
	const json = aitbcWorkflow(parameters);
	const workflow = new Workflow({
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
	});
	const node = workflow.getNode('AITBC');
	if (!node) throw new Error('The test workflow has no AITBC node');

	const credentialsHelper = new HarnessCredentialsHelper(
		new Map(credentialTypes.map((type) => [type.name, type])),
		new Map(Object.entries(credentials)),
	);
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = nodeTypesByName[node.type].methods?.listSearch?.[methodName];
	if (!search) throw new Error(`The AITBC node has no list search "${methodName}"`);
	return await search.call(context, filter, paginationToken);
}
