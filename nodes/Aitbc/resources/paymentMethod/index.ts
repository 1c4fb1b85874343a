import type { INodeProperties } from 'n8n-workflow';

import { requirePathId } from '../../shared/pathIds';
import { transportRouting } from '../../transport/operation';
import { paymentMethodCreateDescription, preparePaymentMethodCreate } from './create';
import { paymentMethodGetDescription } from './get';
import { paymentMethodGetManyDescription } from './getAll';

const showOnlyForPaymentMethods = { resource: ['paymentMethod'] };

export const paymentMethodDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForPaymentMethods },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a payment method',
				description: 'Store a card to charge later by its pm_ ID',
				routing: {
					request: { method: 'POST', url: '/payments/payment_methods' },
					...transportRouting({ prepare: preparePaymentMethodCreate }),
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a payment method',
				description: 'Retrieve one payment method by ID',
				routing: {
					request: {
						method: 'GET',
						url: '=/payments/payment_methods/{{ encodeURIComponent($parameter.paymentMethodId) }}',
					},
					...transportRouting({
						prepare: requirePathId('paymentMethodId', 'Payment Method ID', 'pm_9b07…'),
					}),
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many payment methods',
				description: 'List payment methods, newest first',
				routing: {
					request: { method: 'GET', url: '/payments/payment_methods' },
					...transportRouting({ list: true }),
				},
			},
		],
		default: 'create',
	},
	...paymentMethodCreateDescription,
	...paymentMethodGetDescription,
	...paymentMethodGetManyDescription,
];
