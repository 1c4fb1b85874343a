import type { INodeProperties } from 'n8n-workflow';

import { chargeLocator } from '../../shared/locators';
import { simplifyToggle } from './simplify';

const showOnlyForChargeGet = { operation: ['get'], resource: ['charge'] };

export const chargeGetDescription: INodeProperties[] = [
	chargeLocator({
		displayName: 'Charge',
		name: 'chargeId',
		description: 'The charge to retrieve',
		show: showOnlyForChargeGet,
	}),
	simplifyToggle(showOnlyForChargeGet),
];
