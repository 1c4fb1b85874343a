import type { INodeProperties } from 'n8n-workflow';

import { erpSyncPullDescription } from './pull';

const showOnlyForErpSync = { resource: ['erpSync'] };

export const erpSyncDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForErpSync },
		options: [
			{
				name: 'Pull Changes',
				value: 'pull',
				action: 'Pull changed ERP records',
				description: 'Get the records of one entity type changed since a date or the last run',
			},
		],
		default: 'pull',
	},
	...erpSyncPullDescription,
];
