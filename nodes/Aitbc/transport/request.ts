import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { tenantHeaders } from '../../../credentials/common';
import { sendWithRetries } from './retry';

export type RequestContext =
	IExecuteSingleFunctions | IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface AitbcResponse {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

export const CREDENTIAL_TYPES = {
	apiKey: 'aitbcApi',
	oAuth2: 'aitbcOAuth2Api',
	hmac: 'aitbcHmacApi',
} as const;

export type AuthenticationMethod = keyof typeof CREDENTIAL_TYPES;

export function credentialTypeOf(context: RequestContext): string {
	const method = (context.getNodeParameter as (name: string, fallback: unknown) => unknown)(
		'authentication',
		'apiKey',
	) as AuthenticationMethod;
	return CREDENTIAL_TYPES[method] ?? CREDENTIAL_TYPES.apiKey;
}

/** `{baseUrl}/{apiVersion}` from any of the AITBC credentials, without a doubled slash. */
export function apiBaseUrl(credentials: IDataObject): string {
	const base = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const version = String(credentials.apiVersion || 'v1').replace(/^\/+|\/+$/g, '');
	return `${base}/${version}`;
}

/**
 * Sends one AITBC request through n8n's authenticated request helper and returns the full
 * response. Every AITBC call of this package ends here: it waits for a free slot and for the
 * rate limit, gives each POST an Idempotency-Key, and retries what is safe to retry.
 */
export async function sendRequest(
	this: RequestContext,
	options: IHttpRequestOptions,
): Promise<AitbcResponse> {
	if (!options.baseURL) options = { ...options, baseURL: await baseUrlFor(this) };

	return await sendWithRetries(this, options, async (attemptOptions) => {
		const credentialType = credentialTypeOf(this);
		const headers = { ...attemptOptions.headers };
		if (credentialType === CREDENTIAL_TYPES.oAuth2) {
			// n8n signs OAuth2 requests itself and never runs a credential's `authenticate`.
			Object.assign(headers, tenantHeaders(await this.getCredentials(credentialType)));
		}

		const caller = withAbortSignal(this, attemptOptions.abortSignal);
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			caller,
			credentialType,
			{
				...attemptOptions,
				headers,
				json: true,
				returnFullResponse: true,
			},
		)) as IN8nHttpFullResponse;

		return {
			status: response.statusCode,
			headers: response.headers as Record<string, string>,
			body: response.body,
		};
	});
}

/**
 * Returns the context with `signal` as its execution cancel signal. n8n-core 2.41's
 * httpRequestWithAuthentication replaces the request's abortSignal with that of the context it is
 * called on, which would drop the attempt's deadline. The derived object inherits everything else.
 */
function withAbortSignal(
	context: RequestContext,
	signal: IHttpRequestOptions['abortSignal'],
): RequestContext {
	if (!signal) return context;
	return Object.create(context, {
		getExecutionCancelSignal: { value: () => signal },
	}) as RequestContext;
}

/** Base URLs by node run, so the items of one run read the credential once for it. */
const baseUrlsByRun = new WeakMap<object, Promise<string>>();

async function baseUrlFor(context: RequestContext): Promise<string> {
	const run = 'getExecuteData' in context ? context.getExecuteData() : undefined;
	const cached = run && baseUrlsByRun.get(run);
	if (cached) return await cached;

	const baseUrl = context.getCredentials(credentialTypeOf(context)).then(apiBaseUrl);
	if (run) baseUrlsByRun.set(run, baseUrl);
	return await baseUrl;
}

/** Sends a request built from a path relative to the API version, for non-routed callers. */
export async function aitbcApiRequest(
	this: RequestContext,
	method: IHttpRequestOptions['method'],
	path: string,
	body?: IDataObject,
	qs?: IDataObject,
): Promise<AitbcResponse> {
	const options: IHttpRequestOptions = {
		method,
		baseURL: await baseUrlFor(this),
		url: path,
		headers: { Accept: 'application/json' },
	};
	if (body !== undefined) options.body = body;
	if (qs !== undefined) options.qs = qs;
	return await sendRequest.call(this, options);
}

/** Returns the `data` member of a success envelope, so the envelope never reaches an output item. */
export function unwrapData(body: unknown): IDataObject {
	const envelope = body as IDataObject | undefined;
	if (envelope && typeof envelope === 'object' && 'data' in envelope) {
		return envelope.data as IDataObject;
	}
	return envelope ?? {};
}
