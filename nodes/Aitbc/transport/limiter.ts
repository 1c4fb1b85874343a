import { randomUUID } from 'node:crypto';

import type { IExecuteData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RateLimitPacer, RequestSpacer } from './rateLimit';
import type { RequestContext } from './request';
import { readTransportSettings } from './settings';

/** A counting semaphore that hands slots out in request order. */
export class Semaphore {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly limit: number) {}

	get inUse(): number {
		return this.active;
	}

	async acquire(): Promise<void> {
		if (this.active < this.limit) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	/** Passes the slot to the next waiting request, or frees it. */
	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}
}

export interface RunStats {
	/** HTTP requests sent, retries included. */
	requests: number;
	retries: number;
	rateLimited: number;
	waitedMs: number;
}

/**
 * State shared by all items of one node run: the bound on requests in flight, the rate-limit
 * pacing, the requests-per-second cap and the counters for the summary log line.
 */
export class RunState {
	readonly slots: Semaphore;
	readonly pacer = new RateLimitPacer();
	readonly spacer: RequestSpacer;
	readonly stats: RunStats = { requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 };
	private active = 0;
	private readonly keyPrefix = randomUUID();
	private postsPerItem = new Map<number, number>();

	constructor(
		maxInFlight: number,
		requestsPerSecond: number,
		/** Whether the summary goes to the execution log at info level. */
		readonly isNodeRun: boolean,
	) {
		this.slots = new Semaphore(Math.max(1, Math.floor(maxInFlight)));
		this.spacer = new RequestSpacer(requestsPerSecond);
	}

	/** Marks the start of an operation or request, so the summary waits for its end. */
	begin(): void {
		// An idle run that starts again is n8n's Retry On Fail running the node once more.
		if (this.active === 0) this.postsPerItem = new Map();
		this.active++;
	}

	/**
	 * Returns the Idempotency-Key of the next POST of an item. The key is random per node run and
	 * stays the same for the same item when n8n's Retry On Fail runs the node again. Items that
	 * succeeded on the first try then get their first response back instead of a second charge.
	 */
	nextIdempotencyKey(itemIndex: number): string {
		const ordinal = this.postsPerItem.get(itemIndex) ?? 0;
		this.postsPerItem.set(itemIndex, ordinal + 1);
		return `${this.keyPrefix}-${itemIndex}${ordinal === 0 ? '' : `-${ordinal}`}`;
	}

	/** Marks an end. The last end of the run logs the summary. */
	end(context: RequestContext): void {
		this.active--;
		if (this.active > 0 || this.stats.requests === 0) return;

		const { requests, retries, rateLimited, waitedMs } = this.stats;
		const message =
			`AITBC node "${context.getNode().name}" sent ${requests} requests: ${retries} retried, ` +
			`${rateLimited} rate-limited (HTTP 429), ${(waitedMs / 1000).toFixed(1)} s spent waiting`;
		const meta = { node: context.getNode().name, requests, retries, rateLimited, waitedMs };
		if (this.isNodeRun) context.logger.info(message, meta);
		else context.logger.debug(message, meta);
	}
}

const runs = new WeakMap<IExecuteData, RunState>();

/**
 * Returns the state shared by every item of the current node run. n8n hands each item of one run
 * the same execute-data object, so that object keys the state. Declarative nodes start all items'
 * requests at once. A context without execute data (list searches, webhook setup) gets its own.
 * NOTE: Max Requests In Flight and Requests Per Second come from the first item that sends, so
 * other items' values of these two options are ignored.
 */
export function runStateFor(context: RequestContext): RunState {
	const executeData = 'getExecuteData' in context ? context.getExecuteData() : undefined;
	const existing = executeData ? runs.get(executeData) : undefined;
	if (existing) return existing;

	const settings = readTransportSettings(context);
	const state = new RunState(
		settings.maxInFlight,
		settings.requestsPerSecond,
		Boolean(executeData),
	);
	if (executeData) runs.set(executeData, state);
	return state;
}

/** Runs `work` as one activity of the node run, so the summary is logged once it all ends. */
export async function trackActivity<T>(
	context: RequestContext,
	work: () => Promise<T>,
): Promise<T> {
	const run = runStateFor(context);
	run.begin();
	try {
		return await work();
	} finally {
		run.end(context);
	}
}

/** Wraps a custom operation so that its requests, across all items, end in one run summary. */
export function withRunSummary(
	operation: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> {
	return async function (this: IExecuteFunctions) {
		return await trackActivity(this, async () => await operation.call(this));
	};
}
