import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';

const showOnlyForSubscriptionGetMany = { operation: ['getAll'], resource: ['subscription'] };

export const subscriptionGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForSubscriptionGetMany, 'subscriptions'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForSubscriptionGetMany },
		default: {},
		options: [
			{
				displayName: 'Customer ID',
				name: 'customer',
				type: 'string',
				default: '',
				placeholder: 'cus_3a9e…',
				description: 'Only subscriptions of this customer',
				routing: { send: { type: 'query', property: 'customer' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Canceled', value: 'canceled' },
					{ name: 'Past Due', value: 'past_due' },
					{ name: 'Trialing', value: 'trialing' },
					{ name: 'Unpaid', value: 'unpaid' },
				],
				description: 'Only subscriptions in this status',
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
];

export function prepareSubscriptionGetMany(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const qs = (options.qs ??= {});
	if (typeof qs.customer === 'string' && qs.customer.trim() !== '')
		qs.customer = qs.customer.trim();
	else delete qs.customer;
}
