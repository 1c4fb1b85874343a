import { isErrorEnvelope, type HttpFailure } from './errors';

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

/** Network errors after which the request may not have reached the server, or got no response. */
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** Methods that RFC 9110 (section 9.2.2) defines as idempotent: sending them twice is harmless. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export type RetryReason = 'rate-limited' | 'unavailable' | 'server-error' | 'network' | 'in-flight';

export type RetryDecision =
	| { retry: false }
	| {
			retry: true;
			reason: RetryReason;
			/** The delay the server asked for with Retry-After, in milliseconds. */
			retryAfterMs?: number;
	  };

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';

/**
 * The three HTTP-date formats of RFC 9110, section 5.6.7: IMF-fixdate, the obsolete RFC 850
 * form and asctime. Date.parse alone is too lenient: V8 in Node 20 reads "garbage 5" as a date in 2001
 * and "Foo 3000" as one in the year 3000.
 */
const HTTP_DATE = [
	new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`),
	new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`),
	new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`),
];

/**
 * Parses `Retry-After` into milliseconds from `now`: either delay-seconds or an HTTP date
 * (RFC 9110, section 10.2.3). A date in the past means no wait. Anything else returns
 * undefined, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined) return undefined;

	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	if (!HTTP_DATE.some((format) => format.test(text))) return undefined;

	// asctime carries no zone, and HTTP dates are always UTC.
	const date = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `retry` (1 for the first retry): the ceiling doubles from
 * BACKOFF_BASE_MS up to BACKOFF_MAX_MS, and the delay is drawn between half the ceiling and the
 * ceiling, so clients that failed together do not retry together.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Decides whether a failed attempt may be sent again. A method that is not idempotent (POST,
 * PATCH) is retried only with an Idempotency-Key, because the server may have done the work
 * before the failure. 4xx responses are final, except 429 and 409 CONFLICT, which the API sends
 * while an earlier request with the same Idempotency-Key is still being processed.
 */
export function classifyFailure(
	failure: HttpFailure,
	method: string,
	hasIdempotencyKey: boolean,
	now = Date.now(),
): RetryDecision {
	if (!IDEMPOTENT_METHODS.has(method.toUpperCase()) && !hasIdempotencyKey) return { retry: false };

	const { status } = failure;
	const retryAfterMs = parseRetryAfter(failure.headers['retry-after'], now);

	if (status === 429) return { retry: true, reason: 'rate-limited', retryAfterMs };
	if (status === 503) return { retry: true, reason: 'unavailable', retryAfterMs };
	if (status !== undefined && status >= 500) return { retry: true, reason: 'server-error' };
	if (status === 409 && hasIdempotencyKey && errorCodeOf(failure.body) === 'CONFLICT') {
		return { retry: true, reason: 'in-flight' };
	}
	if (status !== undefined) return { retry: false };

	if (failure.networkCode && NETWORK_CODES.has(failure.networkCode)) {
		return { retry: true, reason: 'network' };
	}
	return { retry: false };
}

function errorCodeOf(body: unknown): string | undefined {
	return isErrorEnvelope(body) ? body.error_code : undefined;
}
