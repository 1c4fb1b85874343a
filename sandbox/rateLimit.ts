import { ApiError } from './http';

/**
 * Fixed one-second windows aligned to the wall clock, so `X-RateLimit-Reset` is an exact Unix
 * second and a client that waits for it gets a fresh window.
 */
export class RateLimiter {
	private windowStart = 0;
	private used = 0;

	constructor(private readonly limitPerSecond: number) {}

	/** Counts one request; throws a 429 when the window is used up. Returns the headers to send. */
	take(now = Date.now()): Record<string, string> {
		if (this.limitPerSecond <= 0) return {};

		const window = Math.floor(now / 1000);
		if (window !== this.windowStart) {
			this.windowStart = window;
			this.used = 0;
		}

		const reset = String(window + 1);
		if (this.used >= this.limitPerSecond) {
			const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * 1000 - now) / 1000));
			throw new ApiError(
				429,
				'RATE_LIMITED',
				`Rate limit of ${this.limitPerSecond} requests per second exceeded`,
				{ retry_after: retryAfterSeconds },
				this.headers(0, reset, { 'Retry-After': String(retryAfterSeconds) }),
			);
		}

		this.used++;
		return this.headers(this.limitPerSecond - this.used, reset);
	}

	private headers(
		remaining: number,
		reset: string,
		extra: Record<string, string> = {},
	): Record<string, string> {
		return {
			'X-RateLimit-Limit': String(this.limitPerSecond),
			'X-RateLimit-Remaining': String(remaining),
			'X-RateLimit-Reset': reset,
			...extra,
		};
	}
}
