import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';

const showOnlyForSyncGetManyJobs = { operation: ['getAllJobs'], resource: ['sync'] };

export const syncGetManyJobsDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForSyncGetManyJobs, 'jobs'),
	{
		displayName: 'Filters',
		name: 'jobFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForSyncGetManyJobs },
		default: {},
		options: [
			{
				displayName: 'Connection ID',
				name: 'connectionId',
				type: 'string',
				default: '',
				placeholder: 'conn_sap01',
				routing: { send: { type: 'query', property: 'connection_id' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'succeeded',
				options: [
					{ name: 'Failed', value: 'failed' },
					{ name: 'Queued', value: 'queued' },
					{ name: 'Running', value: 'running' },
					{ name: 'Succeeded', value: 'succeeded' },
				],
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
];
