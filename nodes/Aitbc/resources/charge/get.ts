import type { INodeProperties } from 'n8n-workflow';

const showOnlyForChargeGet = { operation: ['get'], resource: ['charge'] };

export const chargeGetDescription: INodeProperties[] = [
	{
		displayName: 'Charge',
		name: 'chargeId',
		type: 'resourceLocator',
		required: true,
		displayOptions: { show: showOnlyForChargeGet },
		default: { mode: 'list', value: '' },
		description: 'The charge to retrieve',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCharges', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'ch_8f3a…',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^ch_[A-Za-z0-9]+$', errorMessage: 'A charge ID starts with ch_' },
					},
				],
			},
		],
	},
];
