import type { SandboxContext } from '../context';
import { listEnvelope, objectEnvelope, parseListQuery } from '../collection';
import { newId, nowIso, validationError, type JsonObject } from '../http';
import { optionalMetadata, requireString } from '../validate';

/** The sandbox's test card that is stored fine but declined whenever it is charged. */
const DECLINING_CARD_NUMBER = '4000000000000002';

// Error messages here describe the card number and CVC but never repeat them.
export function registerPaymentMethodRoutes(context: SandboxContext): void {
	const { router, state } = context;

	router.add('POST', '/v1/payments/payment_methods', (request) => {
		const type = requireString(request.body, 'type');
		if (type !== 'card') throw validationError('type', `type must be "card", got "${type}"`);

		const card = request.body.card;
		if (typeof card !== 'object' || card === null || Array.isArray(card)) {
			throw validationError(
				'card',
				'card is required: an object with number, exp_month, exp_year and cvc',
			);
		}
		const number = requireCardNumber(card);
		const expMonth = requireInteger(card, 'exp_month', 1, 12);
		const expYear = requireInteger(card, 'exp_year', 2000, 2100);
		requireNotExpired(expMonth, expYear);
		requireCvc(card);
		const metadata = optionalMetadata(request.body);

		const paymentMethod = state.paymentMethods.insert({
			id: newId('pm'),
			object: 'payment_method',
			type: 'card',
			brand: cardBrand(number),
			last4: number.slice(-4),
			exp_month: expMonth,
			exp_year: expYear,
			created_at: nowIso(),
			metadata,
		});
		if (number === DECLINING_CARD_NUMBER) state.decliningPaymentMethods.add(paymentMethod.id);
		state.countCreated('payment_method');

		context.emit?.('payment_method.created', paymentMethod);
		return { status: 201, body: objectEnvelope(paymentMethod, request.requestId) };
	});

	router.add('GET', '/v1/payments/payment_methods/:id', (request) => ({
		body: objectEnvelope(state.paymentMethods.require(request.params.id), request.requestId),
	}));

	router.add('GET', '/v1/payments/payment_methods', (request) => ({
		body: listEnvelope(state.paymentMethods.list(parseListQuery(request.query)), request.requestId),
	}));

	context.resolvePaymentMethod = (id) => {
		const paymentMethod = state.paymentMethods.get(id);
		if (!paymentMethod) return undefined;

		const { brand, last4, exp_month, exp_year } = paymentMethod;
		return {
			declined: state.decliningPaymentMethods.has(id),
			paymentMethodId: id,
			details: { type: 'card', brand, last4, exp_month, exp_year },
		};
	};
}

function requireCardNumber(card: JsonObject): string {
	const number = card.number;
	if (typeof number !== 'string' || !/^\d{12,19}$/.test(number)) {
		throw validationError('card.number', 'card.number must be a string of 12 to 19 digits');
	}
	if (!passesLuhn(number)) {
		throw validationError(
			'card.number',
			'card.number is not a valid card number (Luhn check failed)',
		);
	}
	return number;
}

function requireCvc(card: JsonObject): void {
	const cvc = card.cvc;
	if (typeof cvc !== 'string' || !/^\d{3,4}$/.test(cvc)) {
		throw validationError('card.cvc', 'card.cvc must be a string of 3 or 4 digits');
	}
}

function requireInteger(card: JsonObject, field: string, min: number, max: number): number {
	const value = card[field];
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw validationError(
			`card.${field}`,
			`card.${field} must be an integer from ${min} to ${max}`,
		);
	}
	return value;
}

function requireNotExpired(month: number, year: number): void {
	const now = new Date();
	const current = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
	if (year * 12 + month < current) {
		throw validationError(
			'card.exp_year',
			`The card expired in ${year}-${String(month).padStart(2, '0')}`,
		);
	}
}

/** Luhn checksum: double every second digit from the right, and the sum must end in 0. */
export function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < digits.length; index++) {
		let digit = Number(digits[digits.length - 1 - index]);
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum % 10 === 0;
}

function cardBrand(number: string): string {
	if (number.startsWith('4')) return 'visa';
	if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(number)) return 'mastercard';
	if (/^3[47]/.test(number)) return 'amex';
	if (/^(6011|65)/.test(number)) return 'discover';
	return 'unknown';
}
