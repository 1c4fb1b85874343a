import type { INodeProperties } from 'n8n-workflow';

import { subscriptionLocator } from '../../shared/locators';

const showOnlyForSubscriptionGet = { operation: ['get'], resource: ['subscription'] };

export const subscriptionGetDescription: INodeProperties[] = [
	subscriptionLocator({
		displayName: 'Subscription',
		name: 'subscriptionId',
		description: 'The subscription to retrieve',
		show: showOnlyForSubscriptionGet,
	}),
];
