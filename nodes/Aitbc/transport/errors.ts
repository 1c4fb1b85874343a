import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

/** Status, headers and body of a failed request, dug out of the HTTP client's error chain. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	/** Socket-level code such as ECONNRESET or ETIMEDOUT when no response arrived. */
	networkCode?: string;
	/** The OAuth2 token endpoint, not the API call itself, returned the failure. */
	fromTokenEndpoint?: boolean;
}

interface ErrorLike {
	cause?: ErrorLike;
	/** Response body of a failed token request, as n8n's OAuth2 client reports it. */
	body?: unknown;
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
	code?: string;
	httpCode?: string | null;
	context?: { data?: unknown };
}

export function describeHttpFailure(error: unknown): HttpFailure {
	let current = error as ErrorLike | undefined;
	let networkCode: string | undefined;

	for (let depth = 0; current && depth < 5; depth++, current = current.cause) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) {
			networkCode ??= current.code;
		}
		// n8n's OAuth2 client throws code EAUTH with the token endpoint's body and no status.
		if (current.code === 'EAUTH' && isErrorEnvelope(current.body)) {
			return { headers: {}, body: current.body, networkCode, fromTokenEndpoint: true };
		}
		if (current.response?.status) {
			return {
				status: current.response.status,
				headers: lowerCaseHeaders(current.response.headers),
				body: current.response.data,
				networkCode,
			};
		}
	}

	const top = error as ErrorLike | undefined;
	const status = top?.httpCode ? Number(top.httpCode) : undefined;
	return {
		status: Number.isInteger(status) ? status : undefined,
		headers: {},
		body: top?.context?.data,
		networkCode,
	};
}

function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

export interface AitbcErrorEnvelope {
	success: false;
	error: string;
	error_code: string;
	details?: IDataObject;
}

export function isErrorEnvelope(body: unknown): body is AitbcErrorEnvelope {
	return (
		typeof body === 'object' &&
		body !== null &&
		(body as IDataObject).success === false &&
		typeof (body as IDataObject).error === 'string'
	);
}

const HINTS: Record<string, string> = {
	AUTHENTICATION_ERROR: 'Check the API key or secret in the AITBC credential.',
	TOKEN_EXPIRED: 'The access token expired and could not be renewed; check the OAuth2 credential.',
	SIGNATURE_INVALID: 'Check the API secret and signing scheme in the AITBC credential.',
	SIGNATURE_EXPIRED: "Check this machine's clock: AITBC accepts timestamps within 300 seconds.",
	PERMISSION_DENIED: 'The credential is valid but lacks access to this resource.',
	RATE_LIMITED: 'AITBC rate-limited the request; lower Max Requests In Flight or add a rate cap.',
};

const NO_ENVELOPE_HINT =
	'The response has no AITBC error body, so a proxy or a wrong Base URL in the credential may have sent it.';

const NO_RESPONSE_HINT =
	'No response arrived. Check the Base URL in the credential and that the AITBC server is reachable.';

const TOKEN_ENDPOINT_HINT =
	'Check the client ID, client secret, scope and access token URL in the AITBC OAuth2 credential.';

/**
 * Turns whatever a request threw into the error n8n shows: the AITBC message first, the
 * error_code and HTTP status in the description, and the item index in the context.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof NodeApiError && error.context.aitbcMapped) {
		error.context.itemIndex = itemIndex;
		return error;
	}

	const failure = describeHttpFailure(error);
	if (!isErrorEnvelope(failure.body)) {
		const reason = failure.networkCode ?? (error instanceof Error ? error.message : String(error));
		const message = failure.status
			? `AITBC request failed with HTTP ${failure.status}`
			: `AITBC request failed: ${reason}`;
		const httpCode = failure.status ? String(failure.status) : undefined;
		const hint = failure.status ? NO_ENVELOPE_HINT : NO_RESPONSE_HINT;
		// The HTTP client's error contains the request config, with the credential's headers and
		// a body that can carry card data. NodeApiError would keep it as the cause, so it gets
		// only the status and code.
		const summary = { message, code: failure.networkCode ?? null, httpCode: httpCode ?? null };
		const mapped = new NodeApiError(node, summary as JsonObject, {
			message,
			description: [hint, retryNote(error)].filter(Boolean).join(' · '),
			httpCode,
			itemIndex,
		});
		// NodeApiError replaces the message with a generic text for the status or network code.
		mapped.message = message;
		mapped.context.aitbcMapped = true;
		return mapped;
	}

	const envelope = failure.body;
	const field = envelope.details?.field;
	const parts = failure.fromTokenEndpoint
		? [`${envelope.error_code} from the OAuth2 token endpoint`, TOKEN_ENDPOINT_HINT]
		: [`${envelope.error_code} (HTTP ${failure.status ?? 'unknown'})`];
	if (typeof field === 'string') parts.push(`field: ${field}`);
	const hint = failure.fromTokenEndpoint ? undefined : HINTS[envelope.error_code];
	if (hint) parts.push(hint);
	const note = retryNote(error);
	if (note) parts.push(note);

	const mapped = new NodeApiError(node, envelope as unknown as JsonObject, {
		message: envelope.error,
		description: parts.join(' · '),
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
	// NodeApiError rewrites some messages by HTTP status; the AITBC text is more precise.
	mapped.message = envelope.error;
	mapped.context.aitbcMapped = true;
	mapped.context.errorCode = envelope.error_code;
	mapped.context.details = envelope.details ?? {};
	mapped.context.requestId = failure.headers['x-request-id'];
	return mapped;
}

/** Says how often a request was sent when the transport gave up retrying it. */
function retryNote(error: unknown): string | undefined {
	const attempts = (error as { aitbcAttempts?: number } | undefined)?.aitbcAttempts;
	if (!attempts) return undefined;
	return `Failed ${attempts} times; no retries left (Options > Max Retries, Max Total Wait).`;
}
