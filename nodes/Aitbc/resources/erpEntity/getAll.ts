import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { entityTypeField, erpConnectionLocator } from '../../shared/erp';
import { toUtcTimestamp } from '../../shared/time';

const showOnlyForErpEntityGetMany = { operation: ['getAll'], resource: ['erpEntity'] };

export const erpEntityGetManyDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForErpEntityGetMany),
	entityTypeField(showOnlyForErpEntityGetMany),
	...returnAllAndLimit(showOnlyForErpEntityGetMany, 'records'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForErpEntityGetMany },
		default: {},
		options: [
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only records changed at or after this time',
				routing: { send: { type: 'query', property: 'updated_gte' } },
			},
		],
	},
];

export function prepareErpEntityGetMany(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const qs = (options.qs ??= {});
	if (qs.updated_gte === undefined || qs.updated_gte === '') {
		delete qs.updated_gte;
		return;
	}
	qs.updated_gte = toUtcTimestamp(this, 'Updated Since', qs.updated_gte);
}
