import { Collection } from './collection';
import { IdempotencyStore } from './idempotency';

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
	refunds: Array<Record<string, unknown>>;
	payment_method_id: string | null;
	payment_method_details: Record<string, unknown> | null;
	failure_code?: string | null;
}

export interface Account {
	id: string;
	name: string;
}

/** Everything the sandbox remembers; it lives in memory and dies with the process. */
export class SandboxState {
	readonly charges = new Collection<Charge>('charge');
	readonly idempotency = new IdempotencyStore();
	readonly accounts = new Map<string, Account>();

	/** Requests received and how many of them were answered 429, for benchmarks. */
	readonly traffic = { requests: 0, rateLimited: 0 };

	/** Objects created per kind, counted once per commit, so tests can detect duplicates. */
	readonly created: Record<string, number> = {};

	countCreated(kind: string): void {
		this.created[kind] = (this.created[kind] ?? 0) + 1;
	}
}
