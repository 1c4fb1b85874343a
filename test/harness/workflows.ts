import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from './engine';

/** Manual Trigger → Code (emits `items`) → AITBC with the given parameters. */
export function aitbcWorkflow(
	parameters: INodeParameters,
	items: object[] = [{}],
	nodeSettings: Partial<INode> = {},
): WorkflowJson {
	return {
		name: 'AITBC test workflow',
		nodes: [
			{
				id: 'trigger',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'items',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
			},
			{
				id: 'aitbc',
				name: 'AITBC',
				type: 'n8n-nodes-aitbc.aitbc',
				typeVersion: 1,
				position: [400, 0],
				parameters,
				credentials: {
					aitbcApi: { id: 'cred-bearer', name: 'AITBC sandbox' },
					aitbcOAuth2Api: { id: 'cred-oauth', name: 'AITBC OAuth2' },
					aitbcHmacApi: { id: 'cred-hmac', name: 'AITBC HMAC' },
				},
				...nodeSettings,
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'AITBC', type: 'main', index: 0 }]] },
		},
	};
}
