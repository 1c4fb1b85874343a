import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { chargeLocator } from '../../shared/locators';

const showOnlyForRefundGetMany = { operation: ['getAll'], resource: ['refund'] };

export const refundGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForRefundGetMany, 'refunds'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForRefundGetMany },
		default: {},
		options: [
			{
				...chargeLocator({
					displayName: 'Charge',
					name: 'chargeId',
					description: 'Only refunds of this charge',
					required: false,
				}),
				routing: { send: { type: 'query', property: 'charge_id' } },
			},
		],
	},
];

export function prepareRefundGetMany(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const qs = (options.qs ??= {});
	if (typeof qs.charge_id === 'string' && qs.charge_id.trim() !== '')
		qs.charge_id = qs.charge_id.trim();
	else delete qs.charge_id;
}
