import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { metadataField, normalizeMetadata } from '../../shared/metadata';
import { invalidInput } from '../../shared/validation';

const showOnlyForSubscriptionCreate = { operation: ['create'], resource: ['subscription'] };

export const subscriptionCreateDescription: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customer',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForSubscriptionCreate },
		default: '',
		placeholder: 'cus_3a9e…',
		description: 'ID of the customer who subscribes',
		routing: { send: { type: 'body', property: 'customer' } },
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		required: true,
		placeholder: 'Add Item',
		displayOptions: { show: showOnlyForSubscriptionCreate },
		default: { item: [{ price: '', quantity: 1 }] },
		description: 'The prices the customer subscribes to, each with a quantity',
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Price ID',
						name: 'price',
						type: 'string',
						default: '',
						placeholder: 'price_monthly_pro',
						description: 'ID of the price in AITBC',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
						description: 'How many units of the price, such as seats',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: showOnlyForSubscriptionCreate },
		default: {},
		options: [metadataField('subscription')],
	},
];

interface ItemParameter {
	price?: unknown;
	quantity?: unknown;
}

export function prepareSubscriptionCreate(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const body = options.body as Record<string, unknown>;

	if (typeof body.customer !== 'string' || body.customer.trim() === '') {
		throw invalidInput(
			this,
			'Customer ID',
			'the field is empty',
			'Enter the ID of an AITBC customer.',
		);
	}
	body.customer = body.customer.trim();

	const entries = (this.getNodeParameter('items.item', []) as ItemParameter[]) ?? [];
	if (entries.length === 0) {
		throw invalidInput(
			this,
			'Items',
			'no item was added',
			'Add at least one item with a price ID.',
		);
	}
	body.items = entries.map((entry, position) => {
		const label = `Items (item ${position + 1})`;
		if (typeof entry.price !== 'string' || entry.price.trim() === '') {
			throw invalidInput(this, label, 'the Price ID is empty');
		}
		const quantity = entry.quantity ?? 1;
		if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
			throw invalidInput(
				this,
				label,
				`expected a Quantity of 1 or more, got ${JSON.stringify(quantity)}`,
			);
		}
		return { price: entry.price.trim(), quantity };
	});

	normalizeMetadata(this, body);
}
