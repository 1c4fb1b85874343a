import type { INodeProperties } from 'n8n-workflow';

import { subscriptionLocator } from '../../shared/locators';

const showOnlyForSubscriptionCancel = { operation: ['cancel'], resource: ['subscription'] };

export const subscriptionCancelDescription: INodeProperties[] = [
	subscriptionLocator({
		displayName: 'Subscription',
		name: 'subscriptionId',
		description: 'The subscription to cancel',
		show: showOnlyForSubscriptionCancel,
	}),
	{
		displayName: 'Cancel',
		name: 'cancelAt',
		type: 'options',
		displayOptions: { show: showOnlyForSubscriptionCancel },
		options: [
			{
				name: 'At Period End',
				value: 'periodEnd',
				description: 'Keep it active until the paid period ends, then end it',
			},
			{
				name: 'Immediately',
				value: 'now',
				description: 'End it now, so its status becomes canceled',
			},
		],
		default: 'periodEnd',
		description: 'When the subscription ends',
		routing: {
			send: { type: 'body', property: 'at_period_end', value: '={{ $value !== "now" }}' },
		},
	},
];
