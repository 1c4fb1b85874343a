import type { INodeProperties } from 'n8n-workflow';

import { requirePathId } from '../../shared/pathIds';
import { transportRouting } from '../../transport/operation';
import { syncGetManyJobsDescription } from './getAllJobs';
import { syncGetChangesDescription } from './getChanges';
import { syncGetJobDescription } from './getJob';
import { syncStartJobDescription } from './startJob';

const showOnlyForSync = { resource: ['sync'] };

/** Get Changes and Start Job run as custom operations (see Aitbc.node.ts); the rest are routed. */
export const syncDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSync },
		options: [
			{
				name: 'Get Changes',
				value: 'getChanges',
				action: 'Get changes from the changes feed',
				description: 'List change events oldest first, since a date or the last run',
			},
			{
				name: 'Get Job',
				value: 'getJob',
				action: 'Get a sync job',
				description: 'Retrieve one sync job with its status and stats',
				routing: {
					request: { method: 'GET', url: '=/sync/jobs/{{ encodeURIComponent($parameter.jobId) }}' },
					...transportRouting({ prepare: requirePathId('jobId', 'Job ID', 'job_8f3a…') }),
				},
			},
			{
				name: 'Get Many Jobs',
				value: 'getAllJobs',
				action: 'Get many sync jobs',
				description: 'List sync jobs, newest first',
				routing: {
					request: { method: 'GET', url: '/sync/jobs' },
					...transportRouting({ list: true }),
				},
			},
			{
				name: 'Start Job',
				value: 'startJob',
				action: 'Start a sync job',
				description:
					'Start syncing entity types of an ERP connection, optionally waiting for the result',
			},
		],
		default: 'getChanges',
	},
	...syncGetChangesDescription,
	...syncStartJobDescription,
	...syncGetJobDescription,
	...syncGetManyJobsDescription,
];
