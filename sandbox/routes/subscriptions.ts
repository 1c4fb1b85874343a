import type { SandboxContext } from '../context';
import { listEnvelope, objectEnvelope, parseListQuery } from '../collection';
import { newId, nowIso, validationError, type Json } from '../http';
import type { Subscription, SubscriptionItem } from '../state';
import { optionalMetadata, requireString } from '../validate';

const SUBSCRIPTION_STATUSES = new Set(['trialing', 'active', 'past_due', 'canceled', 'unpaid']);

export function registerSubscriptionRoutes(context: SandboxContext): void {
	const { router, state } = context;

	router.add('POST', '/v1/payments/subscriptions', (request) => {
		const customer = requireString(request.body, 'customer');
		const items = requireItems(request.body.items);
		const metadata = optionalMetadata(request.body);

		const now = new Date();
		const subscription = state.subscriptions.insert({
			id: newId('sub'),
			object: 'subscription',
			status: 'active',
			customer_id: customer,
			items,
			cancel_at_period_end: false,
			created_at: now.toISOString(),
			updated_at: now.toISOString(),
			current_period_start: now.toISOString(),
			current_period_end: addOneMonth(now).toISOString(),
			interval: 'month',
			interval_count: 1,
			canceled_at: null,
			ended_at: null,
			metadata,
		});
		state.countCreated('subscription');

		context.emit?.('subscription.created', subscription);
		return { status: 201, body: objectEnvelope(subscription, request.requestId) };
	});

	router.add('GET', '/v1/payments/subscriptions/:id', (request) => ({
		body: objectEnvelope(state.subscriptions.require(request.params.id), request.requestId),
	}));

	router.add('GET', '/v1/payments/subscriptions', (request) => {
		const page = parseListQuery(request.query);
		const customer = request.query.get('customer');
		const status = request.query.get('status');
		if (status && !SUBSCRIPTION_STATUSES.has(status)) {
			throw validationError(
				'status',
				`status must be one of ${[...SUBSCRIPTION_STATUSES].join(', ')}`,
			);
		}

		const filter = (subscription: Subscription) =>
			(!customer || subscription.customer_id === customer) &&
			(!status || subscription.status === status);
		return { body: listEnvelope(state.subscriptions.list(page, filter), request.requestId) };
	});

	router.add('POST', '/v1/payments/subscriptions/:id/cancel', (request) => {
		const subscription = state.subscriptions.require(request.params.id);
		const atPeriodEnd = request.body.at_period_end ?? true;
		if (typeof atPeriodEnd !== 'boolean') {
			throw validationError('at_period_end', 'at_period_end must be true or false');
		}
		if (subscription.status === 'canceled') {
			throw validationError('id', `Subscription ${subscription.id} is already canceled`);
		}

		const now = nowIso();
		subscription.updated_at = now;
		if (atPeriodEnd) {
			subscription.cancel_at_period_end = true;
			context.emit?.('subscription.updated', subscription);
		} else {
			subscription.status = 'canceled';
			subscription.cancel_at_period_end = false;
			subscription.canceled_at = now;
			subscription.ended_at = now;
			context.emit?.('subscription.canceled', subscription);
		}
		return { body: objectEnvelope(subscription, request.requestId) };
	});
}

function requireItems(value: Json | undefined): SubscriptionItem[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw validationError('items', 'items must be a non-empty array of {price, quantity}');
	}

	return value.map((entry, index) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw validationError(
				`items[${index}]`,
				`items[${index}] must be an object with price and quantity`,
			);
		}
		const price = entry.price;
		if (typeof price !== 'string' || price.trim() === '') {
			throw validationError(
				`items[${index}].price`,
				`items[${index}].price must be a non-empty price ID`,
			);
		}
		const quantity = entry.quantity ?? 1;
		if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
			throw validationError(
				`items[${index}].quantity`,
				`items[${index}].quantity must be a positive integer`,
			);
		}
		return { price, quantity };
	});
}

/** Same day next month, clamped to the month's last day (31 January → 28 or 29 February). */
function addOneMonth(date: Date): Date {
	const next = new Date(date);
	next.setUTCDate(1);
	next.setUTCMonth(next.getUTCMonth() + 1);
	const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
	next.setUTCDate(Math.min(date.getUTCDate(), lastDay));
	return next;
}
