import type { INodeProperties } from 'n8n-workflow';

const showOnlyForSyncGetJob = { operation: ['getJob'], resource: ['sync'] };

export const syncGetJobDescription: INodeProperties[] = [
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForSyncGetJob },
		default: '',
		placeholder: 'job_8f3a…',
		description: 'The sync job to retrieve, as output by Start Job',
	},
];
