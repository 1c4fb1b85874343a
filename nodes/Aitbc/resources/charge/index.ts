import type { INodeProperties } from 'n8n-workflow';

import { requirePathId } from '../../shared/pathIds';
import { transportRouting } from '../../transport/operation';
import { chargeCreateDescription, prepareChargeCreate } from './create';
import { chargeGetDescription } from './get';
import { chargeGetManyDescription, prepareChargeGetMany } from './getAll';
import { simplifyCharges } from './simplify';

const showOnlyForCharges = { resource: ['charge'] };

export const chargeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForCharges },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a charge',
				description: 'Charge a card token or payment method',
				routing: {
					request: { method: 'POST', url: '/payments/charges' },
					...transportRouting({ prepare: prepareChargeCreate, output: simplifyCharges }),
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a charge',
				description: 'Retrieve one charge by ID',
				routing: {
					request: {
						method: 'GET',
						url: '=/payments/charges/{{ encodeURIComponent($parameter.chargeId) }}',
					},
					...transportRouting({
						prepare: requirePathId('chargeId', 'Charge', 'ch_8f3a…'),
						output: simplifyCharges,
					}),
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many charges',
				description: 'List charges, newest first',
				routing: {
					request: { method: 'GET', url: '/payments/charges' },
					...transportRouting({
						prepare: prepareChargeGetMany,
						list: true,
						output: simplifyCharges,
					}),
				},
			},
		],
		default: 'create',
	},
	...chargeCreateDescription,
	...chargeGetDescription,
	...chargeGetManyDescription,
];
