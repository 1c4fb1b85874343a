import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-aitbc-signature';
export const BODY_ONLY_SIGNATURE_HEADER = 'x-signature';

/** HMAC-SHA256 output: 32 bytes, 64 hex digits. */
const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/** Request headers with lower-case names, as Node's HTTP server passes them. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface SignatureHeader {
	timestamp: number;
	signatures: string[];
}

export interface DeliveryToVerify {
	/** The request body exactly as received; anything but a Buffer is rejected. */
	rawBody: unknown;
	headers: RequestHeaders;
	/** The endpoint secret stored at activation; undefined rejects every delivery. */
	secret: string | undefined;
	toleranceSeconds: number;
	acceptBodyOnlySignatures: boolean;
	nowSeconds: number;
}

export type Verification =
	| {
			valid: true;
			scheme: 'aitbc' | 'sdk-1.0';
			/** The signed `t` in Unix seconds; SDK 1.0 signatures have none. */
			timestamp?: number;
	  }
	| { valid: false; reason: string };

/**
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. Unknown keys are skipped so a sender can add
 * schemes later. A missing or repeated `t`, or no `v1` at all, makes the header invalid.
 */
export function parseSignatureHeader(header: string): SignatureHeader | undefined {
	let timestamp: number | undefined;
	const signatures: string[] = [];

	for (const part of header.split(',')) {
		const separator = part.indexOf('=');
		if (separator <= 0) return undefined;

		const key = part.slice(0, separator).trim();
		const value = part.slice(separator + 1).trim();
		if (key === 't') {
			if (timestamp !== undefined || !UNIX_SECONDS.test(value)) return undefined;
			timestamp = Number(value);
		} else if (key === 'v1') {
			signatures.push(value);
		}
	}

	if (timestamp === undefined || signatures.length === 0) return undefined;
	return { timestamp, signatures };
}

/** Hex HMAC-SHA256 over `"<timestamp>.<raw body bytes>"`, the AITBC delivery signature. */
export function signDelivery(secret: string, timestamp: number, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Hex HMAC-SHA256 over the raw body alone, the SDK 1.0 `X-Signature` scheme. */
export function signBodyOnly(secret: string, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Compares a received hex signature with the expected one in constant time. A candidate that is
 * not 64 hex digits is rejected before decoding, because Buffer.from silently drops bad hex.
 */
export function hexSignatureMatches(expectedHex: string, candidate: string): boolean {
	if (!HEX_DIGEST.test(candidate)) return false;

	const expected = Buffer.from(expectedHex, 'hex');
	const received = Buffer.from(candidate, 'hex');
	if (expected.length !== received.length) return false;
	return timingSafeEqual(expected, received);
}

/**
 * Decides whether a delivery comes from AITBC. It fails closed: without a stored secret, a raw
 * body or a well-formed header, the delivery is rejected. The reason never contains the secret.
 */
export function verifyDelivery(delivery: DeliveryToVerify): Verification {
	const { secret, rawBody } = delivery;
	if (!secret) {
		return {
			valid: false,
			reason: 'no endpoint secret is stored; deactivate and activate the workflow',
		};
	}
	if (!Buffer.isBuffer(rawBody)) {
		return { valid: false, reason: 'the raw request body is not available' };
	}

	const header = singleHeader(delivery.headers[SIGNATURE_HEADER]);
	if (header === undefined) return verifyBodyOnly(delivery, secret, rawBody);

	const parsed = parseSignatureHeader(header);
	if (!parsed) return { valid: false, reason: 'the X-AITBC-Signature header is malformed' };

	const age = delivery.nowSeconds - parsed.timestamp;
	if (Math.abs(age) > delivery.toleranceSeconds) {
		return {
			valid: false,
			reason: `the signature timestamp is ${age} seconds from now, outside the tolerance of ${delivery.toleranceSeconds}`,
		};
	}

	const expected = signDelivery(secret, parsed.timestamp, rawBody);
	const matched = parsed.signatures.some((candidate) => hexSignatureMatches(expected, candidate));
	if (!matched) return { valid: false, reason: 'no v1 signature matches the endpoint secret' };

	return { valid: true, scheme: 'aitbc', timestamp: parsed.timestamp };
}

function verifyBodyOnly(delivery: DeliveryToVerify, secret: string, rawBody: Buffer): Verification {
	const header = singleHeader(delivery.headers[BODY_ONLY_SIGNATURE_HEADER]);
	if (header === undefined)
		return { valid: false, reason: 'the X-AITBC-Signature header is missing' };

	if (!delivery.acceptBodyOnlySignatures) {
		return {
			valid: false,
			reason:
				'the delivery carries only an SDK 1.0 X-Signature header; turn on "Accept SDK 1.0 Body-Only Signatures" to accept it',
		};
	}

	if (!hexSignatureMatches(signBodyOnly(secret, rawBody), header.trim())) {
		return {
			valid: false,
			reason: 'the X-Signature body signature does not match the endpoint secret',
		};
	}
	return { valid: true, scheme: 'sdk-1.0' };
}

/** Joins a header that was sent twice, so a repeated `t` fails the parse. */
function singleHeader(value: string | string[] | undefined): string | undefined {
	const joined = Array.isArray(value) ? value.join(',') : value;
	return joined === undefined || joined === '' ? undefined : joined;
}
