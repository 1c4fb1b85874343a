import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import type { RequestInterceptor, SandboxContext } from './context';
import { ApiError, errorEnvelope, sendJson, validationError, type SandboxRequest } from './http';

export const FAULT_KINDS = [
	'error500',
	'error503',
	'resetBeforeProcessing',
	'resetAfterCommit',
	'slow',
] as const;

/**
 * `resetAfterCommit` is the dangerous one: the work is done and stored (with its idempotency
 * response), but the client never hears about it and may send the request again.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
	/** Share of API requests, from 0 to 1, that get a random fault. */
	rate: number;
	/** Kinds drawn from with equal chance, or all kinds when empty. */
	kinds?: FaultKind[];
	/** Delay of a `slow` response in milliseconds, to set above the client's timeout. */
	slowMs?: number;
	/** Seed of the fault sequence: the same seed gives the same faults in arrival order. */
	seed?: number;
}

/** A response forced onto the next `count` requests that match, ahead of random faults. */
export interface ForcedAnswer {
	/** Matches any method when omitted. */
	method?: string;
	/** Exact path without the query string, e.g. /v1/payments/charges. */
	path: string;
	/** Further condition, for tests that target one item's requests. */
	match?: (request: SandboxRequest) => boolean;
	/** Matching requests to let through first, e.g. 1 to force the response on the second page. */
	skip?: number;
	count: number;
	/** Either a fault kind or an error status with its envelope and headers. */
	fault?: FaultKind;
	status?: number;
	errorCode?: string;
	message?: string;
	headers?: Record<string, string>;
}

export const DEFAULT_SLOW_MS = 5_000;

/**
 * Fault injection as a request interceptor, so the request pipeline itself stays untouched.
 * Requests to `/_sandbox/*` are never faulted, so tests can always read the stats.
 */
export class FaultInjector implements RequestInterceptor {
	readonly counts: Record<FaultKind | 'forced', number> = {
		error500: 0,
		error503: 0,
		resetBeforeProcessing: 0,
		resetAfterCommit: 0,
		slow: 0,
		forced: 0,
	};
	private readonly forced: ForcedAnswer[] = [];
	private readonly pending = new WeakMap<SandboxRequest, FaultKind>();
	private readonly random: () => number;
	private readonly kinds: readonly FaultKind[];
	private readonly slowMs: number;

	constructor(private readonly options: FaultOptions = { rate: 0 }) {
		if (!(options.rate >= 0 && options.rate <= 1)) {
			throw new Error(`The fault rate must be between 0 and 1, got ${options.rate}`);
		}
		this.random = mulberry32(options.seed ?? 1);
		this.kinds = options.kinds?.length ? options.kinds : FAULT_KINDS;
		this.slowMs = options.slowMs ?? DEFAULT_SLOW_MS;
	}

	force(answer: ForcedAnswer): void {
		if (answer.fault === undefined && answer.status === undefined) {
			throw new Error('A forced response needs a fault kind or a status');
		}
		this.forced.push({ ...answer });
	}

	async beforeProcessing(
		request: SandboxRequest,
		socket: Socket,
		response: ServerResponse,
	): Promise<'handled' | void> {
		if (request.path.startsWith('/_sandbox/')) return;

		const forced = this.takeForced(request);
		if (forced?.status !== undefined) {
			this.counts.forced++;
			const error = new ApiError(
				forced.status,
				forced.errorCode ?? defaultErrorCode(forced.status),
				forced.message ?? `Forced response ${forced.status} from the sandbox`,
			);
			sendJson(response, error.status, errorEnvelope(error), {
				'X-Request-Id': request.requestId,
				...forced.headers,
			});
			return 'handled';
		}

		const kind = forced?.fault ?? this.draw();
		if (forced) this.counts.forced++;
		if (kind === undefined) return;
		if (!forced) this.counts[kind]++;

		switch (kind) {
			case 'error500':
			case 'error503': {
				const error =
					kind === 'error500'
						? new ApiError(500, 'INTERNAL_ERROR', 'Injected internal error')
						: new ApiError(503, 'SERVICE_UNAVAILABLE', 'Injected service unavailable');
				sendJson(response, error.status, errorEnvelope(error), {
					'X-Request-Id': request.requestId,
				});
				return 'handled';
			}
			case 'resetBeforeProcessing':
				socket.resetAndDestroy();
				return 'handled';
			case 'slow':
				// The client has given up by now, but the request is still processed, as a real server would.
				await delay(this.slowMs);
				return;
			case 'resetAfterCommit':
				this.pending.set(request, kind);
				return;
		}
	}

	async afterCommit(request: SandboxRequest, socket: Socket): Promise<'handled' | void> {
		if (this.pending.get(request) !== 'resetAfterCommit') return;

		this.pending.delete(request);
		socket.resetAndDestroy();
		return 'handled';
	}

	private draw(): FaultKind | undefined {
		if (this.options.rate === 0) return undefined;

		const roll = this.random();
		const pick = this.random();
		if (roll >= this.options.rate) return undefined;
		return this.kinds[Math.floor(pick * this.kinds.length)];
	}

	private takeForced(request: SandboxRequest): ForcedAnswer | undefined {
		const index = this.forced.findIndex(
			(answer) =>
				answer.path === request.path &&
				(answer.method === undefined || answer.method === request.method) &&
				(answer.match === undefined || answer.match(request)),
		);
		if (index === -1) return undefined;

		const answer = this.forced[index];
		if (answer.skip) {
			answer.skip--;
			return undefined;
		}
		answer.count--;
		if (answer.count <= 0) this.forced.splice(index, 1);
		return answer;
	}
}

/**
 * Adds fault injection to a sandbox, and two routes: `GET /_sandbox/faults` reports injected
 * counts, `POST /_sandbox/faults` forces responses (the body is one ForcedAnswer).
 */
export function installFaults(context: SandboxContext, options?: FaultOptions): FaultInjector {
	const injector = new FaultInjector(options);
	context.interceptors.push(injector);

	context.router.add(
		'GET',
		'/_sandbox/faults',
		() => ({ body: { success: true, data: { injected: injector.counts } } }),
		{ public: true },
	);
	context.router.add(
		'POST',
		'/_sandbox/faults',
		(request) => {
			injector.force(parseForcedAnswer(request.body));
			return { status: 201, body: { success: true, data: { forced: request.body } } };
		},
		{ public: true },
	);
	return injector;
}

function parseForcedAnswer(body: Record<string, unknown>): ForcedAnswer {
	if (typeof body.path !== 'string' || !body.path.startsWith('/')) {
		throw validationError('path', 'path is required and must start with /');
	}
	const count = body.count ?? 1;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
		throw validationError('count', 'count must be a whole number of 1 or more');
	}
	if (body.fault !== undefined && !FAULT_KINDS.includes(body.fault as FaultKind)) {
		throw validationError('fault', `fault must be one of ${FAULT_KINDS.join(', ')}`);
	}
	if (body.fault === undefined && (typeof body.status !== 'number' || body.status < 400)) {
		throw validationError('status', 'status must be an HTTP error status when no fault is given');
	}
	const skip = body.skip ?? 0;
	if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) {
		throw validationError('skip', 'skip must be a whole number of 0 or more');
	}
	if (body.headers !== undefined && (typeof body.headers !== 'object' || body.headers === null)) {
		throw validationError('headers', 'headers must be an object of header names and values');
	}
	return {
		method: typeof body.method === 'string' ? body.method.toUpperCase() : undefined,
		path: body.path,
		skip,
		count,
		fault: body.fault as FaultKind | undefined,
		status: body.status as number | undefined,
		errorCode: typeof body.error_code === 'string' ? body.error_code : undefined,
		message: typeof body.message === 'string' ? body.message : undefined,
		headers: body.headers as Record<string, string> | undefined,
	};
}

function defaultErrorCode(status: number): string {
	if (status === 429) return 'RATE_LIMITED';
	if (status === 409) return 'CONFLICT';
	if (status === 503) return 'SERVICE_UNAVAILABLE';
	if (status >= 500) return 'INTERNAL_ERROR';
	return 'VALIDATION_ERROR';
}

/** Small seeded generator (mulberry32): repeatable runs without a dependency. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
