import type { HttpFailure } from '../../nodes/Aitbc/transport/errors';
import {
	BACKOFF_BASE_MS,
	BACKOFF_MAX_MS,
	backoffDelay,
	classifyFailure,
	parseRetryAfter,
} from '../../nodes/Aitbc/transport/retryPolicy';

const NOW = Date.parse('2026-12-04T16:00:00Z');

function failure(status?: number, extra: Partial<HttpFailure> = {}): HttpFailure {
	return { status, headers: {}, ...extra };
}

function envelope(errorCode: string) {
	return { success: false, error: 'message', error_code: errorCode };
}

describe('parseRetryAfter', () => {
	test.each([
		['2', 2_000],
		['0', 0],
		[' 120 ', 120_000],
		['1.5', 1_500],
		['Fri, 04 Dec 2026 16:00:02 GMT', 2_000],
		['Fri, 04 Dec 2026 16:10:00 GMT', 600_000],
		['Fri, 04 Dec 2026 15:59:00 GMT', 0],
		['Friday, 04-Dec-26 16:00:02 GMT', 2_000],
		['Fri Dec  4 16:00:02 2026', 2_000],
	])('reads %j', (value, expected) => {
		expect(parseRetryAfter(value, NOW)).toBe(expected);
	});

	test.each([[undefined], [''], ['-1'], ['soon'], ['12:00']])('rejects %j', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	test('doubles up to the maximum', () => {
		const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, () => 1));
		expect(ceilings).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
	});

	test('jitter stays within half to full ceiling', () => {
		for (let retry = 1; retry <= 10; retry++) {
			const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
			expect(backoffDelay(retry, () => 0)).toBe(ceiling / 2);
			expect(backoffDelay(retry, () => 0.5)).toBe(Math.round(ceiling * 0.75));
		}
	});
});

describe('classifyFailure', () => {
	test('429 carries the Retry-After delay', () => {
		const decision = classifyFailure(
			failure(429, { headers: { 'retry-after': '7' } }),
			'GET',
			false,
			NOW,
		);
		expect(decision).toEqual({ retry: true, reason: 'rate-limited', retryAfterMs: 7_000 });
	});

	test('503 carries the Retry-After delay', () => {
		const decision = classifyFailure(
			failure(503, { headers: { 'retry-after': '3' } }),
			'GET',
			false,
			NOW,
		);
		expect(decision).toEqual({ retry: true, reason: 'unavailable', retryAfterMs: 3_000 });
	});

	test.each([500, 502, 504])('%i is retried with backoff', (status) => {
		expect(classifyFailure(failure(status), 'GET', false)).toEqual({
			retry: true,
			reason: 'server-error',
		});
	});

	test.each([400, 401, 403, 404, 408, 422])('%i is final', (status) => {
		expect(classifyFailure(failure(status, { body: envelope('X') }), 'POST', true)).toEqual({
			retry: false,
		});
	});

	test('409 CONFLICT is retried only with a key', () => {
		const conflict = failure(409, { body: envelope('CONFLICT') });
		expect(classifyFailure(conflict, 'POST', true)).toEqual({ retry: true, reason: 'in-flight' });
		expect(classifyFailure(conflict, 'GET', false)).toEqual({ retry: false });
	});

	test('409 IDEMPOTENCY_CONFLICT is final', () => {
		const conflict = failure(409, { body: envelope('IDEMPOTENCY_CONFLICT') });
		expect(classifyFailure(conflict, 'POST', true)).toEqual({ retry: false });
	});

	test.each(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ECONNREFUSED'])(
		'%s is retried',
		(code) => {
			expect(classifyFailure(failure(undefined, { networkCode: code }), 'GET', false)).toEqual({
				retry: true,
				reason: 'network',
			});
		},
	);

	test('unknown network error is final', () => {
		expect(classifyFailure(failure(undefined, { networkCode: 'ENOTFOUND' }), 'GET', false)).toEqual(
			{
				retry: false,
			},
		);
	});

	test('POST or PATCH without a key is never retried', () => {
		for (const method of ['POST', 'PATCH']) {
			expect(classifyFailure(failure(503), method, false)).toEqual({ retry: false });
			expect(classifyFailure(failure(429), method, false)).toEqual({ retry: false });
			expect(
				classifyFailure(failure(undefined, { networkCode: 'ECONNRESET' }), method, false),
			).toEqual({
				retry: false,
			});
		}
	});

	test('idempotent methods retry without a key', () => {
		for (const method of ['GET', 'PUT', 'DELETE', 'HEAD']) {
			expect(classifyFailure(failure(500), method, false).retry).toBe(true);
		}
	});
});
