import type { SandboxContext } from '../context';
import { listEnvelope, objectEnvelope, parseListQuery } from '../collection';
import { ApiError, newId, nowIso, validationError } from '../http';
import type { Charge } from '../state';
import {
	optionalMetadata,
	optionalString,
	optionalTimestamp,
	requireCurrency,
	requirePositiveInteger,
	requireString,
} from '../validate';

const SUCCEEDING_TOKENS = new Set(['tok_visa', 'tok_mastercard', 'tok_amex']);
const DECLINING_TOKEN = 'tok_chargeDeclined';
const CHARGE_STATUSES = new Set(['pending', 'succeeded', 'failed', 'refunded']);

export function registerChargeRoutes(context: SandboxContext): void {
	const { router, state } = context;

	router.add('POST', '/v1/payments/charges', (request) => {
		const amount = requirePositiveInteger(request.body, 'amount');
		const currency = requireCurrency(request.body);
		const source = requireString(request.body, 'source');
		const description = optionalString(request.body, 'description');
		const metadata = optionalMetadata(request.body);

		const outcome = resolveSource(context, source);
		const now = nowIso();
		const charge = state.charges.insert({
			id: newId('ch'),
			object: 'charge',
			amount,
			currency,
			status: outcome.declined ? 'failed' : 'succeeded',
			source,
			created_at: now,
			updated_at: now,
			description,
			metadata,
			amount_refunded: 0,
			refunds: [],
			payment_method_id: outcome.paymentMethodId,
			payment_method_details: outcome.details,
			failure_code: outcome.declined ? 'card_declined' : null,
		});
		state.countCreated('charge');
		context.emit?.(outcome.declined ? 'charge.failed' : 'charge.succeeded', charge);

		if (outcome.declined) {
			throw new ApiError(422, 'PAYMENT_ERROR', 'Your card was declined', {
				decline_code: 'card_declined',
				charge_id: charge.id,
			});
		}
		return { status: 201, body: objectEnvelope(charge, request.requestId) };
	});

	router.add('GET', '/v1/payments/charges/:id', (request) => ({
		body: objectEnvelope(state.charges.require(request.params.id), request.requestId),
	}));

	router.add('GET', '/v1/payments/charges', (request) => {
		const page = parseListQuery(request.query);
		const status = request.query.get('status');
		if (status && !CHARGE_STATUSES.has(status)) {
			throw validationError('status', `status must be one of ${[...CHARGE_STATUSES].join(', ')}`);
		}
		const createdGte = optionalTimestamp(request.query, 'created_gte');
		const createdLte = optionalTimestamp(request.query, 'created_lte');

		const filter = (charge: Charge) => {
			if (status && charge.status !== status) return false;
			if (createdGte === undefined && createdLte === undefined) return true;

			const created = Date.parse(charge.created_at);
			if (createdGte !== undefined && created < createdGte) return false;
			if (createdLte !== undefined && created > createdLte) return false;
			return true;
		};
		return { body: listEnvelope(state.charges.list(page, filter), request.requestId) };
	});
}

interface SourceOutcome {
	declined: boolean;
	paymentMethodId: string | null;
	details: Record<string, unknown> | null;
}

function resolveSource(context: SandboxContext, source: string): SourceOutcome {
	if (SUCCEEDING_TOKENS.has(source)) {
		return { declined: false, paymentMethodId: null, details: { type: 'card', token: source } };
	}
	if (source === DECLINING_TOKEN) {
		return { declined: true, paymentMethodId: null, details: { type: 'card', token: source } };
	}

	const paymentMethod = context.resolvePaymentMethod?.(source);
	if (paymentMethod) return paymentMethod;

	throw validationError(
		'source',
		`Unknown source "${source}": use tok_visa, tok_chargeDeclined or a payment method id`,
	);
}

/** Adds `count` charges spread over the past `count` minutes, oldest first. */
export function seedCharges(context: SandboxContext, count: number): void {
	const start = Date.now() - count * 60_000;
	const currencies = ['usd', 'eur', 'gbp', 'jpy'];

	for (let index = 0; index < count; index++) {
		const created = new Date(start + index * 60_000).toISOString();
		context.state.charges.insert({
			id: newId('ch'),
			object: 'charge',
			amount: 100 + ((index * 37) % 9900),
			currency: currencies[index % currencies.length],
			status: index % 10 === 9 ? 'failed' : 'succeeded',
			source: 'tok_visa',
			created_at: created,
			updated_at: created,
			description: `Seeded charge ${index + 1}`,
			metadata: { seed: index + 1 },
			amount_refunded: 0,
			refunds: [],
			payment_method_id: null,
			payment_method_details: { type: 'card', token: 'tok_visa' },
			failure_code: index % 10 === 9 ? 'card_declined' : null,
		});
	}
}
