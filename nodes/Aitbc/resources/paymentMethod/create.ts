import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { metadataField, normalizeMetadata } from '../../shared/metadata';
import { invalidInput } from '../../shared/validation';

const showOnlyForPaymentMethodCreate = { operation: ['create'], resource: ['paymentMethod'] };

// NOTE: card fields are node parameters, so a typed-in value is stored in the workflow and on
// n8n's errors (their node field), as every parameter is. An expression keeps only its text there.
export const paymentMethodCreateDescription: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		required: true,
		displayOptions: { show: showOnlyForPaymentMethodCreate },
		options: [{ name: 'Card', value: 'card' }],
		default: 'card',
		description: 'Kind of payment method. AITBC stores cards only.',
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Card Number',
		name: 'cardNumber',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		displayOptions: { show: showOnlyForPaymentMethodCreate },
		default: '',
		hint: 'Use an expression such as {{ $json.cardNumber }}: a number typed here is saved in the workflow',
		description: 'The card number, 12 to 19 digits. Spaces and dashes are ignored.',
		routing: { send: { type: 'body', property: 'card.number' } },
	},
	{
		displayName: 'Expiry Month',
		name: 'expMonth',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 12 },
		required: true,
		displayOptions: { show: showOnlyForPaymentMethodCreate },
		default: 1,
		description: 'Month the card expires, 1 to 12',
		routing: { send: { type: 'body', property: 'card.exp_month' } },
	},
	{
		displayName: 'Expiry Year',
		name: 'expYear',
		type: 'number',
		required: true,
		displayOptions: { show: showOnlyForPaymentMethodCreate },
		default: 2030,
		description: 'Year the card expires, with four digits (two digits are read as 20xx)',
		routing: { send: { type: 'body', property: 'card.exp_year' } },
	},
	{
		displayName: 'CVC',
		name: 'cvc',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		displayOptions: { show: showOnlyForPaymentMethodCreate },
		default: '',
		hint: 'Use an expression such as {{ $json.cvc }}: a CVC typed here is saved in the workflow',
		description: 'The 3- or 4-digit security code, which AITBC checks and does not store',
		routing: { send: { type: 'body', property: 'card.cvc' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: showOnlyForPaymentMethodCreate },
		default: {},
		options: [metadataField('payment method')],
	},
];

/**
 * Normalizes the card fields. Messages describe what is wrong with the number or CVC but never
 * repeat them, because error messages end up in execution logs.
 */
export function preparePaymentMethodCreate(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): void {
	const body = options.body as Record<string, unknown>;
	const card = (body.card ?? {}) as Record<string, unknown>;

	const number = String(card.number ?? '').replace(/[\s-]/g, '');
	if (!/^\d{12,19}$/.test(number)) {
		throw invalidInput(
			this,
			'Card Number',
			'expected 12 to 19 digits (spaces and dashes are allowed)',
		);
	}
	const cvc = String(card.cvc ?? '').trim();
	if (!/^\d{3,4}$/.test(cvc)) {
		throw invalidInput(this, 'CVC', 'expected 3 or 4 digits');
	}

	const expMonth = card.exp_month;
	if (
		typeof expMonth !== 'number' ||
		!Number.isInteger(expMonth) ||
		expMonth < 1 ||
		expMonth > 12
	) {
		throw invalidInput(
			this,
			'Expiry Month',
			`expected a whole number from 1 to 12, got ${JSON.stringify(expMonth)}`,
		);
	}
	let expYear = card.exp_year;
	if (typeof expYear !== 'number' || !Number.isInteger(expYear) || expYear < 0) {
		throw invalidInput(
			this,
			'Expiry Year',
			`expected a year such as 2030, got ${JSON.stringify(expYear)}`,
		);
	}
	if (expYear < 100) expYear += 2000;

	body.card = { number, exp_month: expMonth, exp_year: expYear, cvc };
	normalizeMetadata(this, body);
}
