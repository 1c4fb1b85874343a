import type { SandboxContext } from '../context';
import { listEnvelope, objectEnvelope, parseListQuery } from '../collection';
import { newId, nowIso, validationError, type JsonObject } from '../http';
import { optionalString, requireString } from '../validate';
import {
	WEBHOOK_EVENT_TYPES,
	WebhookDispatcher,
	buildEvent,
	newEndpointSecret,
	publicEndpoint,
} from '../webhooks';

const DEFAULT_EXPIRE_PREVIOUS_SECONDS = 86_400;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Webhook endpoint routes, and the dispatcher that turns every `context.emit` into signed
 * deliveries. An emit hook installed earlier keeps running before the dispatcher.
 */
export function registerWebhookRoutes(context: SandboxContext): WebhookDispatcher {
	const { router, state } = context;
	const dispatcher = new WebhookDispatcher(context);
	const previousEmit = context.emit;
	context.webhooks = dispatcher;
	context.emit = (eventType, object) => {
		previousEmit?.(eventType, object);
		dispatcher.emit(eventType, object);
	};

	router.add('POST', '/v1/webhooks', (request) => {
		const url = requireLoopbackUrl(requireString(request.body, 'url'));
		const events = requireEvents(request.body.events);
		const description = optionalString(request.body, 'description');

		const secret = newEndpointSecret();
		const endpoint = state.webhookEndpoints.insert({
			id: newId('we'),
			object: 'webhook_endpoint',
			url,
			events,
			description,
			status: 'enabled',
			created_at: nowIso(),
			secrets: [{ secret, expiresAt: null }],
		});
		state.countCreated('webhook_endpoint');

		const body = { ...publicEndpoint(endpoint), secret };
		return { status: 201, body: objectEnvelope(body, request.requestId) };
	});

	router.add('GET', '/v1/webhooks/:id', (request) => ({
		body: objectEnvelope(
			publicEndpoint(state.webhookEndpoints.require(request.params.id)),
			request.requestId,
		),
	}));

	router.add('GET', '/v1/webhooks', (request) => {
		const page = state.webhookEndpoints.list(parseListQuery(request.query));
		return {
			body: listEnvelope({ ...page, data: page.data.map(publicEndpoint) }, request.requestId),
		};
	});

	router.add('DELETE', '/v1/webhooks/:id', (request) => {
		const endpoint = state.webhookEndpoints.require(request.params.id);
		state.webhookEndpoints.delete(endpoint.id);
		return { body: objectEnvelope({ id: endpoint.id, deleted: true }, request.requestId) };
	});

	router.add('POST', '/v1/webhooks/:id/rotate_secret', (request) => {
		const endpoint = state.webhookEndpoints.require(request.params.id);
		const expireIn = optionalSeconds(
			request.body,
			'expire_previous_in',
			DEFAULT_EXPIRE_PREVIOUS_SECONDS,
		);

		const expiresAt = Date.now() + expireIn * 1000;
		for (const entry of endpoint.secrets) {
			entry.expiresAt = entry.expiresAt === null ? expiresAt : Math.min(entry.expiresAt, expiresAt);
		}
		const secret = newEndpointSecret();
		endpoint.secrets.unshift({ secret, expiresAt: null });

		return { body: objectEnvelope({ id: endpoint.id, secret }, request.requestId) };
	});

	router.add('POST', '/v1/webhooks/:id/test', (request) => {
		const endpoint = state.webhookEndpoints.require(request.params.id);
		const event = buildEvent('webhook.test', publicEndpoint(endpoint));
		dispatcher.send(endpoint.id, event);
		return { body: objectEnvelope(event, request.requestId) };
	});

	router.add(
		'GET',
		'/_sandbox/webhook_deliveries',
		() => ({ body: { success: true, data: state.webhookDeliveries as unknown as JsonObject[] } }),
		{ public: true },
	);

	return dispatcher;
}

// NOTE: the sandbox sends deliveries only to loopback addresses, so a registered URL can never
// make it send requests to another machine.
function requireLoopbackUrl(raw: string): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw validationError('url', `url must be an absolute http or https URL, got "${raw}"`);
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw validationError('url', `url must use http or https, got "${url.protocol}"`);
	}
	if (!LOOPBACK_HOSTS.has(url.hostname)) {
		throw validationError(
			'url',
			`The sandbox delivers only to 127.0.0.1, localhost or [::1], got "${url.hostname}"`,
		);
	}
	return raw;
}

function requireEvents(value: unknown): string[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw validationError(
			'events',
			'events must be a non-empty array of event types, or ["*"] for all',
		);
	}

	for (const event of value) {
		if (event !== '*' && !WEBHOOK_EVENT_TYPES.includes(event as string)) {
			throw validationError(
				'events',
				`Unknown event type "${String(event)}"; use one of ${WEBHOOK_EVENT_TYPES.join(', ')} or "*"`,
			);
		}
	}
	return [...new Set(value as string[])];
}

function optionalSeconds(body: JsonObject, field: string, fallback: number): number {
	const value = body[field];
	if (value === undefined || value === null) return fallback;

	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		throw validationError(field, `${field} must be a whole number of seconds, 0 or more`);
	}
	return value;
}
