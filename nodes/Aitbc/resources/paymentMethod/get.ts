import type { INodeProperties } from 'n8n-workflow';

const showOnlyForPaymentMethodGet = { operation: ['get'], resource: ['paymentMethod'] };

export const paymentMethodGetDescription: INodeProperties[] = [
	{
		displayName: 'Payment Method ID',
		name: 'paymentMethodId',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForPaymentMethodGet },
		default: '',
		placeholder: 'pm_9b07…',
		description: 'ID of the payment method to retrieve, starting with pm_',
	},
];
