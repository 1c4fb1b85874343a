import type { SandboxContext } from '../context';
import { listEnvelope, objectEnvelope, parseListQuery } from '../collection';
import { ApiError, newId, nowIso, validationError } from '../http';
import type { Refund } from '../state';
import { optionalMetadata, optionalString, requireString } from '../validate';

const REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

export function registerRefundRoutes(context: SandboxContext): void {
	const { router, state } = context;

	router.add('POST', '/v1/payments/refunds', (request) => {
		const chargeId = requireString(request.body, 'charge_id');
		const charge = state.charges.get(chargeId);
		if (!charge) {
			throw new ApiError(404, 'NOT_FOUND', `No such charge: ${chargeId}`, {
				field: 'charge_id',
				id: chargeId,
			});
		}
		if (charge.status === 'failed' || charge.status === 'pending') {
			throw validationError(
				'charge_id',
				`Charge ${chargeId} is ${charge.status} and cannot be refunded`,
			);
		}

		const refundable = charge.amount - charge.amount_refunded;
		const amount = optionalAmount(request.body.amount) ?? refundable;
		if (refundable === 0) {
			throw new ApiError(400, 'VALIDATION_ERROR', `Charge ${chargeId} is already fully refunded`, {
				field: 'amount',
				amount_refundable: 0,
			});
		}
		if (amount > refundable) {
			throw new ApiError(
				400,
				'VALIDATION_ERROR',
				`Refund amount ${amount} is more than the ${refundable} left to refund on charge ${chargeId}`,
				{ field: 'amount', amount_refundable: refundable },
			);
		}

		const reason = optionalString(request.body, 'reason');
		if (reason !== null && !REFUND_REASONS.has(reason)) {
			throw validationError('reason', `reason must be one of ${[...REFUND_REASONS].join(', ')}`);
		}
		const metadata = optionalMetadata(request.body);

		const now = nowIso();
		const refund = state.refunds.insert({
			id: newId('re'),
			object: 'refund',
			amount,
			currency: charge.currency,
			status: 'succeeded',
			charge_id: charge.id,
			reason,
			created_at: now,
			updated_at: now,
			metadata,
		});
		state.countCreated('refund');

		charge.amount_refunded += amount;
		charge.refunds.push(refund.id);
		if (charge.amount_refunded === charge.amount) charge.status = 'refunded';
		charge.updated_at = now;

		context.emit?.('refund.created', refund);
		context.emit?.('charge.refunded', charge);
		return { status: 201, body: objectEnvelope(refund, request.requestId) };
	});

	router.add('GET', '/v1/payments/refunds/:id', (request) => ({
		body: objectEnvelope(state.refunds.require(request.params.id), request.requestId),
	}));

	router.add('GET', '/v1/payments/refunds', (request) => {
		const page = parseListQuery(request.query);
		const chargeId = request.query.get('charge_id');
		const filter = (refund: Refund) => !chargeId || refund.charge_id === chargeId;
		return { body: listEnvelope(state.refunds.list(page, filter), request.requestId) };
	});
}

function optionalAmount(value: unknown): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
		throw validationError('amount', 'amount must be a positive integer in minor units');
	}
	return value;
}
