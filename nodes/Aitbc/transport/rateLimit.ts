/** Below this, X-RateLimit-Reset is read as seconds from now rather than Unix seconds. */
const UNIX_SECONDS_THRESHOLD = 1_000_000_000;

/**
 * Paces requests on the server's rate-limit headers, so a run waits for the next window instead
 * of provoking 429s. It keeps a budget for the current window: the last reported
 * `X-RateLimit-Remaining`, less the requests still in flight (they may not be counted yet), less
 * the requests started since. A 429 with Retry-After pauses every request of the run.
 */
export class RateLimitPacer {
	private windowEndsAt = 0;
	private budget = Number.POSITIVE_INFINITY;
	private pausedUntil = 0;

	/**
	 * Returns how many milliseconds to wait before a request may start. At 0 the request may go
	 * and one request of the window's budget is taken.
	 */
	reserve(now = Date.now()): number {
		if (now < this.pausedUntil) return this.pausedUntil - now;
		if (now >= this.windowEndsAt) this.budget = Number.POSITIVE_INFINITY;
		if (this.budget <= 0) return this.windowEndsAt - now;

		this.budget--;
		return 0;
	}

	/** Reads the rate-limit headers of a response. `othersInFlight` excludes that request. */
	observe(headers: Record<string, string>, othersInFlight: number, now = Date.now()): void {
		const remaining = Number(headers['x-ratelimit-remaining']);
		const reset = Number(headers['x-ratelimit-reset']);
		if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining)) return;
		if (headers['x-ratelimit-reset'] === undefined || !Number.isFinite(reset)) return;

		const endsAt = reset < UNIX_SECONDS_THRESHOLD ? now + reset * 1000 : reset * 1000;
		if (endsAt <= now) return;

		const budget = remaining - othersInFlight;
		if (endsAt > this.windowEndsAt) {
			this.windowEndsAt = endsAt;
			this.budget = budget;
		} else if (endsAt === this.windowEndsAt) {
			this.budget = Math.min(this.budget, budget);
		}
	}

	pauseUntil(time: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, time);
	}
}

/**
 * Spaces request starts evenly to stay under a requests-per-second cap set by the user. A start
 * is booked only when it happens, so a request that wakes late cannot make the next ones burst.
 */
export class RequestSpacer {
	private nextStartAt = 0;

	constructor(private readonly requestsPerSecond: number) {}

	/** Returns the milliseconds to wait before asking again; at 0 the request may start now. */
	reserve(now = Date.now()): number {
		if (this.requestsPerSecond <= 0) return 0;
		if (now < this.nextStartAt) return this.nextStartAt - now;

		this.nextStartAt = now + 1000 / this.requestsPerSecond;
		return 0;
	}
}
