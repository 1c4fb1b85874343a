import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { toUtcTimestamp } from '../../shared/time';

const showOnlyForChargeGetMany = { operation: ['getAll'], resource: ['charge'] };

export const chargeGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForChargeGetMany, 'charges'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForChargeGetMany },
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'succeeded',
				options: [
					{ name: 'Failed', value: 'failed' },
					{ name: 'Pending', value: 'pending' },
					{ name: 'Refunded', value: 'refunded' },
					{ name: 'Succeeded', value: 'succeeded' },
				],
				routing: { send: { type: 'query', property: 'status' } },
			},
			{
				displayName: 'Created After',
				name: 'createdGte',
				type: 'dateTime',
				default: '',
				description: 'Only charges created at or after this time',
				routing: { send: { type: 'query', property: 'created_gte' } },
			},
			{
				displayName: 'Created Before',
				name: 'createdLte',
				type: 'dateTime',
				default: '',
				description: 'Only charges created at or before this time',
				routing: { send: { type: 'query', property: 'created_lte' } },
			},
		],
	},
];

export function prepareChargeGetMany(this: IExecuteSingleFunctions, options: IHttpRequestOptions): void {
	const qs = (options.qs ??= {});
	for (const [field, label] of [
		['created_gte', 'Created After'],
		['created_lte', 'Created Before'],
	]) {
		if (qs[field] === undefined || qs[field] === '') {
			delete qs[field];
			continue;
		}
		qs[field] = toUtcTimestamp(this, label, qs[field]);
	}
}
