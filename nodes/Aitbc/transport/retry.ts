import { randomUUID } from 'node:crypto';

import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import { describeHttpFailure, isErrorEnvelope, type HttpFailure } from './errors';
import { runStateFor, trackActivity, type RunState } from './limiter';
import type { AitbcResponse, RequestContext } from './request';
import { backoffDelay, classifyFailure, type RetryReason } from './retryPolicy';
import { readTransportSettings, type TransportSettings } from './settings';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Marker set on an error after retries ran out, so the error shown to the user can say so. */
export interface RetriesExhausted {
	aitbcAttempts?: number;
}

interface Attempt {
	context: RequestContext;
	run: RunState;
	settings: TransportSettings;
	method: string;
	path: string;
	/** Time this request has waited so far, in milliseconds, bounded by Max Total Wait. */
	waitedMs: number;
}

/**
 * Sends a request with `send`, retrying what is safe to retry: 429 and 503 after their
 * Retry-After, other 5xx, timeouts and dropped connections with exponential backoff, and 409
 * CONFLICT while an earlier request with the same Idempotency-Key is still processed. Every POST
 * gets an Idempotency-Key that stays the same across its retries, so a retry of a request the
 * server already processed returns the first result instead of acting twice.
 */
export async function sendWithRetries(
	context: RequestContext,
	options: IHttpRequestOptions,
	send: (options: IHttpRequestOptions) => Promise<AitbcResponse>,
): Promise<AitbcResponse> {
	return await trackActivity(context, async () => {
		const settings = readTransportSettings(context);
		const run = runStateFor(context);
		const method = (options.method ?? 'GET').toUpperCase();
		const headers = withIdempotencyKey(context, run, method, options.headers ?? {}, settings);
		const hasKey = Boolean(idempotencyKeyOf(headers));
		const attempt: Attempt = {
			context,
			run,
			settings,
			method,
			path: pathOf(options),
			waitedMs: 0,
		};

		for (let attemptNumber = 1; ; attemptNumber++) {
			const outcome = await sendOnce(attempt, (abortSignal) =>
				send({ ...options, headers: { ...headers }, timeout: settings.timeoutMs, abortSignal }),
			);
			if ('response' in outcome) return outcome.response;

			const { error, failure } = outcome;
			const decision = classifyFailure(failure, method, hasKey);
			if (!decision.retry || isCancelled(context)) throw error;

			const retryAfterMs = decision.retryAfterMs;
			if (retryAfterMs !== undefined && decision.reason === 'rate-limited') {
				attempt.run.pacer.pauseUntil(Date.now() + retryAfterMs);
			}
			if (retryAfterMs !== undefined && attempt.waitedMs + retryAfterMs > settings.maxTotalWaitMs) {
				throw waitTooLongError(context, failure, retryAfterMs, settings.maxTotalWaitMs);
			}

			const delayMs = retryAfterMs ?? backoffDelay(attemptNumber);
			if (
				attemptNumber > settings.maxRetries ||
				attempt.waitedMs + delayMs > settings.maxTotalWaitMs
			) {
				(error as RetriesExhausted).aitbcAttempts = attemptNumber;
				throw error;
			}

			logRetry(attempt, failure, decision.reason, attemptNumber, delayMs);
			attempt.run.stats.retries++;
			await wait(attempt, delayMs);
			if (isCancelled(context)) throw error;
		}
	});
}

type Outcome = { response: AitbcResponse } | { error: unknown; failure: HttpFailure };

/**
 * Sends one attempt: it takes a slot among the requests in flight, waits its turn, then sends.
 * The HTTP client's own timeout (axios 1.x in n8n-core 2.41) only limits the time between two
 * received chunks, so a server
 * that trickles its response byte by byte would hold the attempt forever. An abort signal ends
 * the attempt once Timeout has passed in total, and ends it at once when the execution is cancelled.
 */
async function sendOnce(
	attempt: Attempt,
	send: (abortSignal: AbortSignal) => Promise<AitbcResponse>,
): Promise<Outcome> {
	const { run } = attempt;
	await run.slots.acquire();
	try {
		await waitForTurn(attempt);
		run.stats.requests++;
		const deadline = AbortSignal.timeout(attempt.settings.timeoutMs);
		const cancel = cancelSignalOf(attempt.context);
		try {
			const response = await send(cancel ? AbortSignal.any([deadline, cancel]) : deadline);
			run.pacer.observe(lowerCaseKeys(response.headers), run.slots.inUse - 1);
			return { response };
		} catch (thrown) {
			const error = deadline.aborted ? timeoutError(attempt, thrown) : thrown;
			const failure = describeHttpFailure(error);
			run.pacer.observe(failure.headers, run.slots.inUse - 1);
			if (failure.status === 429) run.stats.rateLimited++;
			return { error, failure };
		}
	} finally {
		run.slots.release();
	}
}

/** Waits for the requests-per-second cap and for the server's rate-limit window. */
async function waitForTurn(attempt: Attempt): Promise<void> {
	const { run, settings } = attempt;
	for (let spacing = run.spacer.reserve(); spacing > 0; spacing = run.spacer.reserve()) {
		run.stats.waitedMs += spacing;
		await sleep(spacing);
	}

	for (let pause = run.pacer.reserve(); pause > 0; pause = run.pacer.reserve()) {
		if (attempt.waitedMs + pause > settings.maxTotalWaitMs) {
			throw transportError(
				attempt.context,
				`The AITBC rate limit allows the next request in ${formatSeconds(pause)}, longer ` +
					`than the Max Total Wait of ${formatSeconds(settings.maxTotalWaitMs)}`,
				'Raise Options > Max Total Wait (Seconds) to wait that long, or run the workflow again later.',
				'429',
			);
		}
		attempt.context.logger.debug('AITBC request waits for the rate limit window', {
			method: attempt.method,
			path: attempt.path,
			waitMs: pause,
		});
		await wait(attempt, pause);
	}
}

async function wait(attempt: Attempt, delayMs: number): Promise<void> {
	attempt.waitedMs += delayMs;
	attempt.run.stats.waitedMs += delayMs;
	await sleep(delayMs);
}

/** Adds an Idempotency-Key to a POST: the caller's, the user's, or one made for the item. */
function withIdempotencyKey(
	context: RequestContext,
	run: RunState,
	method: string,
	headers: IDataObject,
	settings: TransportSettings,
): IDataObject {
	if (method !== 'POST' || idempotencyKeyOf(headers) !== undefined) return headers;

	let key = settings.idempotencyKey;
	if (!key)
		key = 'getItemIndex' in context ? run.nextIdempotencyKey(context.getItemIndex()) : randomUUID();
	return { ...headers, [IDEMPOTENCY_HEADER]: key };
}

function idempotencyKeyOf(headers: IDataObject): string | undefined {
	const name = Object.keys(headers).find((key) => key.toLowerCase() === 'idempotency-key');
	return name === undefined ? undefined : String(headers[name]);
}

function waitTooLongError(
	context: RequestContext,
	failure: HttpFailure,
	retryAfterMs: number,
	maxTotalWaitMs: number,
): NodeApiError {
	const error = transportError(
		context,
		`AITBC asked to wait ${formatSeconds(retryAfterMs)} before retrying (Retry-After on HTTP ` +
			`${failure.status}), longer than the Max Total Wait of ${formatSeconds(maxTotalWaitMs)}`,
		'Raise Options > Max Total Wait (Seconds) to wait that long, or run the workflow again later.',
		String(failure.status),
	);
	if (isErrorEnvelope(failure.body)) error.context.errorCode = failure.body.error_code;
	return error;
}

/** Builds an error of the transport itself, already in the shape the node shows. */
function transportError(
	context: RequestContext,
	message: string,
	description: string,
	httpCode: string,
): NodeApiError {
	const error = new NodeApiError(context.getNode(), {} as JsonObject, {
		message,
		description,
		httpCode,
	});
	// NodeApiError rewrites some messages by HTTP status, but this one names the wait.
	error.message = message;
	error.context.aitbcMapped = true;
	return error;
}

function logRetry(
	attempt: Attempt,
	failure: HttpFailure,
	reason: RetryReason,
	attemptNumber: number,
	delayMs: number,
): void {
	attempt.context.logger.debug('AITBC request failed and will be retried', {
		method: attempt.method,
		path: attempt.path,
		status: failure.status ?? failure.networkCode ?? 'no answer',
		reason,
		attempt: attemptNumber,
		delayMs,
	});
}

function cancelSignalOf(context: RequestContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

function isCancelled(context: RequestContext): boolean {
	return Boolean(cancelSignalOf(context)?.aborted);
}

/** Replaces the HTTP client's cancellation error with a timeout, which is retried like one. */
function timeoutError(attempt: Attempt, cause: unknown): Error {
	const seconds = formatSeconds(attempt.settings.timeoutMs);
	return Object.assign(new Error(`AITBC sent no complete response within ${seconds}`), {
		code: 'ETIMEDOUT',
		cause,
	});
}

/** Returns the request path without query or host: queries may contain customer data. */
function pathOf(options: IHttpRequestOptions): string {
	return String(options.url ?? '').split('?')[0];
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {}))
		result[name.toLowerCase()] = String(value);
	return result;
}

/**
 * Formats a wait in seconds. From 10 s up it rounds up to whole seconds, because a Retry-After
 * date has whole seconds and a remaining wait of 599.7 s reads better as 600.
 */
function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	if (seconds >= 10 || Number.isInteger(seconds)) return `${Math.ceil(seconds)} seconds`;
	return `${seconds.toFixed(1)} seconds`;
}
