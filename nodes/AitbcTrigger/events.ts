import type { INodePropertyOptions } from 'n8n-workflow';

/** Event types AITBC delivers to webhook endpoints, with "*" subscribing to all of them. */
export const EVENT_TYPES: INodePropertyOptions[] = [
	{ name: '*', value: '*', description: 'Every event type, including ones added later' },
	{ name: 'Charge Failed', value: 'charge.failed' },
	{ name: 'Charge Refunded', value: 'charge.refunded' },
	{ name: 'Charge Succeeded', value: 'charge.succeeded' },
	{ name: 'ERP Entity Created', value: 'erp.entity.created' },
	{ name: 'ERP Entity Deleted', value: 'erp.entity.deleted' },
	{ name: 'ERP Entity Updated', value: 'erp.entity.updated' },
	{ name: 'Payment Method Created', value: 'payment_method.created' },
	{ name: 'Refund Created', value: 'refund.created' },
	{ name: 'Subscription Canceled', value: 'subscription.canceled' },
	{ name: 'Subscription Created', value: 'subscription.created' },
	{ name: 'Subscription Updated', value: 'subscription.updated' },
	{ name: 'Sync Job Failed', value: 'sync.job.failed' },
	{ name: 'Sync Job Succeeded', value: 'sync.job.succeeded' },
	{
		name: 'Webhook Test',
		value: 'webhook.test',
		description: 'The ping sent by the test endpoint',
	},
];

export function matchesEvents(selected: string[], eventType: string): boolean {
	return selected.includes('*') || selected.includes(eventType);
}

/** Sorted, deduplicated event list, so two selections compare equal regardless of order. */
export function normalizeEvents(events: string[]): string[] {
	return [...new Set(events)].sort();
}
