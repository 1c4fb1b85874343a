import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';

const showOnlyForPaymentMethodGetMany = { operation: ['getAll'], resource: ['paymentMethod'] };

export const paymentMethodGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(showOnlyForPaymentMethodGetMany, 'payment methods'),
];
