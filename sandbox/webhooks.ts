import { createHmac, randomBytes } from 'node:crypto';

import type { SandboxContext } from './context';
import { newId, nowIso } from './http';

export const WEBHOOK_EVENT_TYPES = [
	'charge.succeeded',
	'charge.failed',
	'charge.refunded',
	'refund.created',
	'payment_method.created',
	'subscription.created',
	'subscription.updated',
	'subscription.canceled',
	'erp.entity.created',
	'erp.entity.updated',
	'erp.entity.deleted',
	'sync.job.succeeded',
	'sync.job.failed',
	'webhook.test',
];

/** Waits after failed attempts 1, 2, … before the next one; the list length caps the retries. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 4_000, 16_000, 64_000];
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface EndpointSecret {
	secret: string;
	/** Unix milliseconds after which the secret no longer signs; null while it is current. */
	expiresAt: number | null;
}

export interface WebhookEndpoint {
	id: string;
	object: 'webhook_endpoint';
	url: string;
	events: string[];
	description: string | null;
	status: 'enabled';
	created_at: string;
	/** Newest first; never part of a response except on create and rotate. */
	secrets: EndpointSecret[];
}

export interface WebhookEvent {
	id: string;
	type: string;
	created_at: string;
	api_version: string;
	data: { object: object };
}

export interface DeliveryAttempt {
	event_id: string;
	event_type: string;
	endpoint_id: string;
	url: string;
	attempt: number;
	status: number | null;
	error: string | null;
	duration_ms: number;
	at: string;
}

/** Signature header on deliveries: AITBC's timestamped one, or SDK 1.0's body-only HMAC. */
export type WebhookSigning = 'aitbc' | 'sdk-1.0';

export function newEndpointSecret(): string {
	return `whsec_${randomBytes(24).toString('hex')}`;
}

export function publicEndpoint(endpoint: WebhookEndpoint): Omit<WebhookEndpoint, 'secrets'> {
	const { secrets: _secrets, ...rest } = endpoint;
	return rest;
}

/** Secrets that still sign deliveries, newest first; expired ones are dropped from the endpoint. */
export function activeSecrets(endpoint: WebhookEndpoint, now = Date.now()): string[] {
	endpoint.secrets = endpoint.secrets.filter(
		(entry) => entry.expiresAt === null || entry.expiresAt > now,
	);
	return endpoint.secrets.map((entry) => entry.secret);
}

export function endpointListensTo(endpoint: WebhookEndpoint, eventType: string): boolean {
	return endpoint.events.includes('*') || endpoint.events.includes(eventType);
}

export function buildEvent(type: string, object: object): WebhookEvent {
	return { id: newId('evt'), type, created_at: nowIso(), api_version: 'v1', data: { object } };
}

/** Headers of one attempt, signed at `timestamp` with every secret that is still valid. */
export function deliveryHeaders(
	endpoint: WebhookEndpoint,
	event: WebhookEvent,
	body: Buffer,
	timestamp: number,
	signing: WebhookSigning,
): Record<string, string> {
	const headers: Record<string, string> = {
		'Content-Type': 'application/json; charset=utf-8',
		'User-Agent': 'AITBC-Sandbox-Webhooks/1.0',
		'X-AITBC-Event-Id': event.id,
		'X-AITBC-Timestamp': String(timestamp),
	};
	const secrets = activeSecrets(endpoint);

	if (signing === 'sdk-1.0') {
		headers['X-Signature'] = createHmac('sha256', secrets[0]).update(body).digest('hex');
		return headers;
	}

	const signatures = secrets.map(
		(secret) =>
			`v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`,
	);
	headers['X-AITBC-Signature'] = [`t=${timestamp}`, ...signatures].join(',');
	return headers;
}

/**
 * Sends events to the registered endpoints. Each delivery retries non-2xx responses and network
 * failures with the configured backoff, keeps the event id and body bytes across attempts, and
 * re-signs each attempt with a fresh timestamp. Every attempt is logged and recorded.
 */
export class WebhookDispatcher {
	private readonly inFlight = new Set<Promise<void>>();
	private stopped = false;

	constructor(private readonly context: SandboxContext) {}

	/** Delivers `type` to every endpoint that listens to it. */
	emit(type: string, object: object): WebhookEvent {
		const event = buildEvent(type, object);
		for (const endpoint of this.context.state.webhookEndpoints.all()) {
			if (endpointListensTo(endpoint, type)) this.send(endpoint.id, event);
		}
		return event;
	}

	/** Delivers one event to one endpoint, whatever it listens to, as the test ping does. */
	send(endpointId: string, event: WebhookEvent): void {
		const delivery = this.deliver(endpointId, event).finally(() => this.inFlight.delete(delivery));
		this.inFlight.add(delivery);
	}

	/** Resolves when every delivery started so far has succeeded or given up. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	stop(): void {
		this.stopped = true;
	}

	private async deliver(endpointId: string, event: WebhookEvent): Promise<void> {
		const body = Buffer.from(JSON.stringify(event), 'utf8');
		const delays = this.context.options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

		for (let attempt = 1; !this.stopped; attempt++) {
			const endpoint = this.context.state.webhookEndpoints.get(endpointId);
			if (!endpoint) {
				this.context.options.log(`webhook ${event.id} stopped: endpoint ${endpointId} was deleted`);
				return;
			}

			const record = await this.attempt(endpoint, event, body, attempt);
			if (record.status !== null && record.status >= 200 && record.status < 300) return;

			const delay = delays[attempt - 1];
			if (delay === undefined) {
				this.context.options.log(
					`webhook ${event.id} to ${endpoint.id} gave up after ${attempt} attempts`,
				);
				return;
			}
			await wait(delay);
		}
	}

	private async attempt(
		endpoint: WebhookEndpoint,
		event: WebhookEvent,
		body: Buffer,
		attempt: number,
	): Promise<DeliveryAttempt> {
		const timestamp = Math.floor(Date.now() / 1000);
		const signing = this.context.options.webhookSigning ?? 'aitbc';
		const headers = deliveryHeaders(endpoint, event, body, timestamp, signing);
		const started = Date.now();

		let status: number | null = null;
		let error: string | null = null;
		try {
			const response = await fetch(endpoint.url, {
				method: 'POST',
				headers,
				body,
				redirect: 'manual',
				signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
			});
			status = response.status;
			await response.arrayBuffer();
		} catch (caught) {
			const cause = (caught as { cause?: { code?: string } }).cause;
			error = cause?.code ?? (caught as Error).message;
		}

		const record: DeliveryAttempt = {
			event_id: event.id,
			event_type: event.type,
			endpoint_id: endpoint.id,
			url: endpoint.url,
			attempt,
			status,
			error,
			duration_ms: Date.now() - started,
			at: nowIso(),
		};
		this.context.state.webhookDeliveries.push(record);
		this.context.options.log(
			[
				record.at,
				'WEBHOOK',
				event.type,
				event.id,
				endpoint.id,
				`attempt ${attempt}`,
				status === null ? `failed: ${error}` : String(status),
				`${record.duration_ms}ms`,
			].join(' '),
		);
		return record;
	}
}

function wait(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
