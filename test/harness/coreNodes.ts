import { runInNewContext } from 'node:vm';

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

/**
 * Stand-ins for the three n8n-nodes-base nodes the example workflows use. n8n-nodes-base is far
 * too large to install for tests, and these nodes only feed items to the AITBC node: the
 * trigger passes its start item on, the Code node runs `jsCode` and returns its items.
 */
export const manualTrigger: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow on a manual run',
		defaults: { name: 'When clicking "Execute workflow"' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

export const scheduleTrigger: INodeType = {
	description: {
		...manualTrigger.description,
		name: 'scheduleTrigger',
		displayName: 'Schedule Trigger',
	},
	execute: manualTrigger.execute,
};

export const codeNode: INodeType = {
	description: {
		displayName: 'Code',
		name: 'code',
		group: ['transform'],
		version: [1, 2],
		description: 'Runs the JavaScript in jsCode once for all items',
		defaults: { name: 'Code' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions) {
		const code = this.getNodeParameter('jsCode', 0) as string;
		const input = this.getInputData();
		const $input = { all: () => input, first: () => input[0], last: () => input[input.length - 1] };

		let result: unknown;
		try {
			result = runInNewContext(`(function () { ${code} })()`, { $input, items: input });
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error);
		}

		const list = (Array.isArray(result) ? result : [result]) as Array<INodeExecutionData | object>;
		return [
			list.map((entry, index) => ({
				json: ('json' in entry ? entry.json : entry) as INodeExecutionData['json'],
				pairedItem: { item: Math.min(index, Math.max(input.length - 1, 0)) },
			})),
		];
	},
};

export const noOpNode: INodeType = {
	description: {
		displayName: 'No Operation',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'Passes items through',
		defaults: { name: 'No Operation' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};
