import type { INodeProperties } from 'n8n-workflow';

import { requirePathId } from '../../shared/pathIds';
import { transportRouting } from '../../transport/operation';
import { subscriptionCancelDescription } from './cancel';
import { prepareSubscriptionCreate, subscriptionCreateDescription } from './create';
import { subscriptionGetDescription } from './get';
import { prepareSubscriptionGetMany, subscriptionGetManyDescription } from './getAll';

const showOnlyForSubscriptions = { resource: ['subscription'] };
const requireSubscriptionId = requirePathId('subscriptionId', 'Subscription', 'sub_41c2…');

export const subscriptionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSubscriptions },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a subscription',
				description: 'End a subscription now or at the end of its paid period',
				routing: {
					request: {
						method: 'POST',
						url: '=/payments/subscriptions/{{ encodeURIComponent($parameter.subscriptionId) }}/cancel',
					},
					...transportRouting({ prepare: requireSubscriptionId }),
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a subscription',
				description: 'Subscribe a customer to one or more prices',
				routing: {
					request: { method: 'POST', url: '/payments/subscriptions' },
					...transportRouting({ prepare: prepareSubscriptionCreate }),
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a subscription',
				description: 'Retrieve one subscription by ID',
				routing: {
					request: {
						method: 'GET',
						url: '=/payments/subscriptions/{{ encodeURIComponent($parameter.subscriptionId) }}',
					},
					...transportRouting({ prepare: requireSubscriptionId }),
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many subscriptions',
				description: 'List subscriptions, newest first, by customer or status',
				routing: {
					request: { method: 'GET', url: '/payments/subscriptions' },
					...transportRouting({ prepare: prepareSubscriptionGetMany, list: true }),
				},
			},
		],
		default: 'create',
	},
	...subscriptionCreateDescription,
	...subscriptionGetDescription,
	...subscriptionCancelDescription,
	...subscriptionGetManyDescription,
];
