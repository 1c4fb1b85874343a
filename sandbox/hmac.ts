import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import type { AuthScheme } from './auth';
import { ApiError, type SandboxRequest } from './http';

/** Seconds a request timestamp may differ from the sandbox clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * HMAC request signing with `X-API-Key`, `X-Timestamp` and `X-Signature`. The request carries no
 * scheme marker, so the signature is accepted when it matches either scheme: `v2` over
 * timestamp, method, path with query and body hash, or the SDK 1.0 `v1` over timestamp and key.
 */
export function hmacScheme(
	secrets: Map<string, string>,
	accounts: Map<string, string>,
	now: () => number,
): AuthScheme {
	return {
		name: 'hmac',
		authenticate(request) {
			const apiKey = header(request, 'x-api-key');
			if (apiKey === undefined) return undefined;

			const accountId = accounts.get(apiKey);
			const secret = secrets.get(apiKey);
			if (!accountId || secret === undefined) {
				throw new ApiError(401, 'AUTHENTICATION_ERROR', 'Invalid API credentials');
			}

			const timestamp = header(request, 'x-timestamp') ?? '';
			const signature = (header(request, 'x-signature') ?? '').toLowerCase();
			if (!/^\d+$/.test(timestamp)) {
				throw new ApiError(401, 'SIGNATURE_INVALID', 'X-Timestamp must be Unix seconds');
			}
			const skew = Math.abs(now() / 1000 - Number(timestamp));
			if (skew > SIGNATURE_TOLERANCE_SECONDS) {
				throw new ApiError(
					401,
					'SIGNATURE_EXPIRED',
					`X-Timestamp is ${Math.ceil(skew)} seconds from the server clock; at most ${SIGNATURE_TOLERANCE_SECONDS} are allowed`,
				);
			}

			const candidates = [
				signV2(secret, timestamp, request),
				hexHmac(secret, `${timestamp}:${apiKey}`),
			];
			if (!candidates.some((expected) => sameHex(expected, signature))) {
				throw new ApiError(401, 'SIGNATURE_INVALID', 'The request signature does not match');
			}
			return accountId;
		},
	};
}

function signV2(secret: string, timestamp: string, request: SandboxRequest): string {
	const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
	return hexHmac(secret, `${timestamp}\n${request.method}\n${request.target}\n${bodyHash}`);
}

function hexHmac(secret: string, message: string): string {
	return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

function sameHex(expected: string, actual: string): boolean {
	const expectedBytes = Buffer.from(expected, 'utf8');
	const actualBytes = Buffer.from(actual, 'utf8');
	return expectedBytes.length === actualBytes.length && timingSafeEqual(expectedBytes, actualBytes);
}

function header(request: SandboxRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}
