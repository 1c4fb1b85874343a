import { createHash, createHmac } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export type SigningScheme = 'v1' | 'v2';

export interface HmacKey {
	apiKey: string;
	apiSecret: string;
	scheme: SigningScheme;
}

/** The request exactly as it will go on the wire, which is what the signature covers. */
export interface WireRequest {
	method: string;
	/** Absolute URL with the query string already in it. */
	url: string;
	pathWithQuery: string;
	body: string | Buffer | undefined;
	bodyBytes: Buffer;
}

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signs a request for AITBC HMAC authentication and returns a copy ready to send. The signed
 * path, query and body must be the bytes n8n's HTTP client (axios) sends, so this function
 * serializes them itself: the query goes into the URL and an object body becomes a JSON string.
 * Applying it twice, as n8n does when it retries after a 401, signs the same bytes again.
 */
export function signRequest(
	key: HmacKey,
	options: IHttpRequestOptions,
	nowMs: number,
): IHttpRequestOptions {
	const signed: IHttpRequestOptions = { ...options, headers: { ...options.headers } };
	const wire = toWireRequest(signed);

	signed.url = wire.url;
	delete signed.baseURL;
	delete signed.qs;
	if (wire.body === undefined) delete signed.body;
	else signed.body = wire.body;

	const timestamp = String(Math.floor(nowMs / 1000));
	const headers = signed.headers as IDataObject;
	headers['X-API-Key'] = key.apiKey;
	headers['X-Timestamp'] = timestamp;
	headers['X-Signature'] = signatureFor(key, timestamp, wire);
	return signed;
}

export function signatureFor(key: HmacKey, timestamp: string, wire: WireRequest): string {
	const message =
		key.scheme === 'v1'
			? `${timestamp}:${key.apiKey}`
			: [timestamp, wire.method, wire.pathWithQuery, sha256Hex(wire.bodyBytes)].join('\n');
	return createHmac('sha256', key.apiSecret).update(message, 'utf8').digest('hex');
}

function sha256Hex(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Computes the method, URL and body bytes that go on the wire. It changes `options.headers` only
 * to add the Content-Type that a serialized body needs.
 */
export function toWireRequest(options: IHttpRequestOptions): WireRequest {
	const method = (options.method ?? 'GET').toUpperCase();
	const target = parseAbsoluteUrl(appendQuery(joinUrl(options.baseURL, options.url), options));
	const body = METHODS_WITHOUT_BODY.has(method) ? undefined : serializeBody(options);

	return {
		method,
		url: target.href,
		pathWithQuery: `${target.pathname}${target.search}`,
		body,
		bodyBytes: body === undefined ? Buffer.alloc(0) : Buffer.from(body),
	};
}

function parseAbsoluteUrl(url: string): URL {
	if (URL.canParse(url)) return new URL(url);
	throw new Error(
		`HMAC signing needs an absolute URL, got "${url}"; check the Base URL of the AITBC HMAC credential`,
	);
}

/** Joins like axios does: an absolute `url` wins, otherwise one slash between the two. */
function joinUrl(baseURL: string | undefined, url: string): string {
	if (!baseURL || /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url)) return url;
	return `${baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}`;
}

function appendQuery(url: string, options: IHttpRequestOptions): string {
	const query = serializeQuery(options.qs ?? {}, options.arrayFormat ?? 'indices');
	if (!query) return url;
	return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * Serializes query parameters the way n8n's default (the `qs` package, RFC 3986 encoding)
 * does: nested keys in brackets, arrays by `arrayFormat`, null as an empty value, undefined
 * left out.
 */
export function serializeQuery(
	qs: IDataObject,
	arrayFormat: NonNullable<IHttpRequestOptions['arrayFormat']>,
): string {
	const pairs: string[] = [];

	const add = (key: string, value: unknown): void => {
		if (value === undefined) return;
		if (value instanceof Date) {
			pairs.push(`${encodeRfc3986(key)}=${encodeRfc3986(value.toISOString())}`);
		} else if (Array.isArray(value)) {
			value.forEach((entry, index) => add(arrayKey(key, index, arrayFormat), entry));
		} else if (value !== null && typeof value === 'object') {
			for (const [name, entry] of Object.entries(value)) add(`${key}[${name}]`, entry);
		} else {
			pairs.push(`${encodeRfc3986(key)}=${encodeRfc3986(value === null ? '' : String(value))}`);
		}
	};

	for (const [key, value] of Object.entries(qs)) add(key, value);
	return pairs.join('&');
}

function arrayKey(key: string, index: number, arrayFormat: string): string {
	if (arrayFormat === 'repeat') return key;
	if (arrayFormat === 'brackets') return `${key}[]`;
	return `${key}[${index}]`;
}

function encodeRfc3986(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/**
 * The body as axios will send it, or undefined when it sends none. n8n drops an empty object
 * or string body; axios sends a Buffer as is, trims a JSON string and JSON-encodes a string that
 * is not JSON when the content type is JSON.
 */
function serializeBody(options: IHttpRequestOptions): string | Buffer | undefined {
	const body = options.body as unknown;
	if (body === undefined || body === null || body === '') return undefined;
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof URLSearchParams) {
		setContentTypeIfMissing(options, 'application/x-www-form-urlencoded;charset=utf-8');
		return body.toString();
	}

	if (typeof body === 'string') {
		if (!contentTypeOf(options).includes('application/json')) return body;
		try {
			JSON.parse(body);
			return body.trim();
		} catch {
			return JSON.stringify(body);
		}
	}

	if (typeof body !== 'object' || isStreamOrForm(body)) {
		throw new Error(
			'HMAC signing needs a body that can be read before sending: a JSON object, a string or a Buffer',
		);
	}
	if (Object.keys(body).length === 0) return undefined;

	if (contentTypeOf(options).includes('application/x-www-form-urlencoded')) {
		return new URLSearchParams(body as Record<string, string>).toString();
	}
	setContentTypeIfMissing(options, 'application/json');
	return JSON.stringify(body);
}

function isStreamOrForm(body: object): boolean {
	return typeof (body as { pipe?: unknown }).pipe === 'function' || 'getBoundary' in body;
}

function contentTypeOf(options: IHttpRequestOptions): string {
	const headers = (options.headers ?? {}) as IDataObject;
	const name = Object.keys(headers).find((header) => header.toLowerCase() === 'content-type');
	return name === undefined ? '' : String(headers[name]).toLowerCase();
}

function setContentTypeIfMissing(options: IHttpRequestOptions, contentType: string): void {
	if (contentTypeOf(options) === '') {
		options.headers = { ...options.headers, 'Content-Type': contentType };
	}
}
