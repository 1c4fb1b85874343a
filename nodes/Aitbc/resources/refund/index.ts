import type { INodeProperties } from 'n8n-workflow';

import { requirePathId } from '../../shared/pathIds';
import { transportRouting } from '../../transport/operation';
import { prepareRefundCreate, refundCreateDescription } from './create';
import { refundGetDescription } from './get';
import { prepareRefundGetMany, refundGetManyDescription } from './getAll';

const showOnlyForRefunds = { resource: ['refund'] };

export const refundDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForRefunds },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a refund',
				description: 'Refund all or part of a charge',
				routing: {
					request: { method: 'POST', url: '/payments/refunds' },
					...transportRouting({ prepare: prepareRefundCreate }),
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a refund',
				description: 'Retrieve one refund by ID',
				routing: {
					request: {
						method: 'GET',
						url: '=/payments/refunds/{{ encodeURIComponent($parameter.refundId) }}',
					},
					...transportRouting({ prepare: requirePathId('refundId', 'Refund ID', 're_5d1c…') }),
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many refunds',
				description: 'List refunds, newest first, optionally of one charge',
				routing: {
					request: { method: 'GET', url: '/payments/refunds' },
					...transportRouting({ prepare: prepareRefundGetMany, list: true }),
				},
			},
		],
		default: 'create',
	},
	...refundCreateDescription,
	...refundGetDescription,
	...refundGetManyDescription,
];
