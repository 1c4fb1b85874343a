import { Collection } from './collection';
import { ErpState } from './erpState';
import { IdempotencyStore } from './idempotency';
import type { DeliveryAttempt, WebhookEndpoint } from './webhooks';

export interface Charge {
	id: string;
	object: 'charge';
	amount: number;
	currency: string;
	status: 'pending' | 'succeeded' | 'failed' | 'refunded';
	source: string;
	created_at: string;
	updated_at: string;
	description: string | null;
	metadata: Record<string, unknown>;
	amount_refunded: number;
	/** Ids of the charge's refunds, oldest first. */
	refunds: string[];
	payment_method_id: string | null;
	payment_method_details: Record<string, unknown> | null;
	failure_code?: string | null;
}

export interface Refund {
	id: string;
	object: 'refund';
	amount: number;
	currency: string;
	status: 'pending' | 'succeeded' | 'failed' | 'canceled';
	charge_id: string;
	reason: string | null;
	created_at: string;
	updated_at: string;
	metadata: Record<string, unknown>;
}

/** A stored card: only what is safe to show, never the number or the CVC. */
export interface PaymentMethod {
	id: string;
	object: 'payment_method';
	type: 'card';
	brand: string;
	last4: string;
	exp_month: number;
	exp_year: number;
	created_at: string;
	metadata: Record<string, unknown>;
}

export interface SubscriptionItem {
	price: string;
	quantity: number;
}

export interface Subscription {
	id: string;
	object: 'subscription';
	status: 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid';
	customer_id: string;
	items: SubscriptionItem[];
	cancel_at_period_end: boolean;
	created_at: string;
	updated_at: string;
	current_period_start: string;
	current_period_end: string;
	interval: 'month';
	interval_count: number;
	canceled_at: string | null;
	ended_at: string | null;
	metadata: Record<string, unknown>;
}

export interface Account {
	id: string;
	name: string;
}

/** Everything the sandbox remembers; it lives in memory and dies with the process. */
export class SandboxState {
	readonly charges = new Collection<Charge>('charge');
	readonly refunds = new Collection<Refund>('refund');
	readonly paymentMethods = new Collection<PaymentMethod>('payment method');
	/** Payment methods whose charges the sandbox declines, kept apart so no response shows it. */
	readonly decliningPaymentMethods = new Set<string>();
	readonly subscriptions = new Collection<Subscription>('subscription');
	readonly idempotency = new IdempotencyStore();
	readonly accounts = new Map<string, Account>();
	readonly erp = new ErpState();

	/** Count of requests received and of 429 responses among them, for benchmarks. */
	readonly traffic = { requests: 0, rateLimited: 0 };
	readonly webhookEndpoints = new Collection<WebhookEndpoint>('webhook endpoint');
	/** Every delivery attempt, oldest first, for tests and the deliveries route. */
	readonly webhookDeliveries: DeliveryAttempt[] = [];

	/** Objects created per kind, counted once per commit, so tests can detect duplicates. */
	readonly created: Record<string, number> = {};

	countCreated(kind: string): void {
		this.created[kind] = (this.created[kind] ?? 0) + 1;
	}
}
