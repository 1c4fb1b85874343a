import type { INodeProperties } from 'n8n-workflow';

import { erpBatchRunDescription } from './run';

const showOnlyForErpBatch = { resource: ['erpBatch'] };

export const erpBatchDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForErpBatch },
		options: [
			{
				name: 'Run',
				value: 'run',
				action: 'Run ERP operations in batches',
				description:
					'Create, update or delete one record per input item, sending up to 100 per request',
			},
		],
		default: 'run',
	},
	...erpBatchRunDescription,
];
