import type { INodeProperties } from 'n8n-workflow';

const showOnlyForRefundGet = { operation: ['get'], resource: ['refund'] };

export const refundGetDescription: INodeProperties[] = [
	{
		displayName: 'Refund ID',
		name: 'refundId',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForRefundGet },
		default: '',
		placeholder: 're_5d1c…',
		description: 'ID of the refund to retrieve, starting with re_',
	},
];
