import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { toUtcTimestamp } from '../../shared/time';
import { invalidInput } from '../../shared/validation';
import { simplifyToggle } from './simplify';

const showOnlyForChargeGetMany = { operation: ['getAll'], resource: ['charge'] };

export const chargeGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForChargeGetMany, 'charges'),
	simplifyToggle(showOnlyForChargeGetMany),
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForChargeGetMany },
		default: {},
		options: [
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				hint: 'Counts charges that match the filters, newest first: 100 starts at the 101st',
				description: 'Number of matching charges to skip before the first one returned',
				routing: { send: { type: 'query', property: 'offset' } },
			},
		],
	},
];

export function prepareChargeGetMany(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
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

	if (qs.offset !== undefined) {
		const offset = qs.offset;
		if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
			throw invalidInput(
				this,
				'Offset',
				`expected a whole number of 0 or more, got ${JSON.stringify(offset)}`,
			);
		}
	}
}
