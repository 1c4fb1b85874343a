import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { metadataField, normalizeMetadata } from '../../shared/metadata';
import { normalizeCurrency, requirePositiveInteger } from '../../shared/validation';
import { simplifyToggle } from './simplify';

const showOnlyForChargeCreate = { operation: ['create'], resource: ['charge'] };

export const chargeCreateDescription: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		displayOptions: { show: showOnlyForChargeCreate },
		default: 0,
		hint: 'In the currency’s minor unit: 1050 charges 10.50 USD, 80 charges 80 JPY',
		description: 'Amount to charge, as a positive whole number in minor units',
		routing: { send: { type: 'body', property: 'amount' } },
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForChargeCreate },
		default: 'usd',
		placeholder: 'usd',
		description: 'Three-letter ISO 4217 code, in any case',
		routing: { send: { type: 'body', property: 'currency' } },
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForChargeCreate },
		default: 'tok_visa',
		description: 'Payment source to charge: a card token or a payment method ID (pm_…)',
		routing: { send: { type: 'body', property: 'source' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: showOnlyForChargeCreate },
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Text shown on the charge in AITBC',
				routing: { send: { type: 'body', property: 'description' } },
			},
			metadataField('charge'),
		],
	},
	simplifyToggle(showOnlyForChargeCreate, false),
];

export function prepareChargeCreate(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const body = options.body as Record<string, unknown>;

	body.amount = requirePositiveInteger(this, 'Amount', body.amount);
	body.currency = normalizeCurrency(this, body.currency);
	normalizeMetadata(this, body);
}
