import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { chargeLocator } from '../../shared/locators';
import { metadataField, normalizeMetadata } from '../../shared/metadata';
import { invalidInput, requirePositiveInteger } from '../../shared/validation';

const showOnlyForRefundCreate = { operation: ['create'], resource: ['refund'] };

export const refundCreateDescription: INodeProperties[] = [
	{
		...chargeLocator({
			displayName: 'Charge',
			name: 'chargeId',
			description: 'The charge to refund',
			show: showOnlyForRefundCreate,
		}),
		routing: { send: { type: 'body', property: 'charge_id' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: showOnlyForRefundCreate },
		default: {},
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				default: 0,
				hint: 'In the currency’s minor unit: 1050 refunds 10.50 USD, 80 refunds 80 JPY',
				description:
					'Amount to refund, as a positive whole number in minor units. Without it, AITBC refunds what is left of the charge.',
				routing: { send: { type: 'body', property: 'amount' } },
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'options',
				default: 'requested_by_customer',
				options: [
					{ name: 'Duplicate', value: 'duplicate' },
					{ name: 'Fraudulent', value: 'fraudulent' },
					{ name: 'Requested by Customer', value: 'requested_by_customer' },
				],
				description: 'Why the charge is refunded',
				routing: { send: { type: 'body', property: 'reason' } },
			},
			metadataField('refund'),
		],
	},
];

export function prepareRefundCreate(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const body = options.body as Record<string, unknown>;

	if (
		body.charge_id !== undefined &&
		body.charge_id !== null &&
		typeof body.charge_id !== 'string'
	) {
		throw invalidInput(
			this,
			'Charge',
			`expected an ID, got ${JSON.stringify(body.charge_id)}`,
			'Map a field that contains a charge ID such as ch_8f3a…, not an object or a number.',
		);
	}
	if (typeof body.charge_id !== 'string' || body.charge_id.trim() === '') {
		throw invalidInput(
			this,
			'Charge',
			'no charge is selected',
			'Pick a charge from the list or enter its ID.',
		);
	}
	body.charge_id = body.charge_id.trim();

	if (body.amount === 0) {
		throw invalidInput(
			this,
			'Amount',
			'expected a positive whole number, got 0',
			'Enter the amount in minor units, or remove Amount to refund what is left.',
		);
	}
	if (body.amount !== undefined) body.amount = requirePositiveInteger(this, 'Amount', body.amount);
	normalizeMetadata(this, body);
}
