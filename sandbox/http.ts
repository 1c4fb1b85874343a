import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Error that a route throws to respond with the contract's error envelope. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details: JsonObject = {},
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

export function validationError(field: string, message: string): ApiError {
	return new ApiError(400, 'VALIDATION_ERROR', message, { field });
}

export function notFound(kind: string, id: string): ApiError {
	return new ApiError(404, 'NOT_FOUND', `No such ${kind}: ${id}`, { id });
}

export function newId(prefix: string): string {
	return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export function nowIso(): string {
	return new Date().toISOString();
}

/** Request as the routes see it: parsed once, raw bytes kept for signature checks. */
export interface SandboxRequest {
	method: string;
	path: string;
	pathWithQuery: string;
	/** The request target exactly as the client sent it, which HMAC signatures cover. */
	target: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	body: JsonObject;
	params: Record<string, string>;
	requestId: string;
	/** Set by the auth layer: which account the caller acts as. */
	accountId?: string;
}

export interface RouteResult {
	status?: number;
	body: JsonObject;
	headers?: Record<string, string>;
}

export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		// An oversized body is read to its end and dropped, because destroying the socket
		// mid-upload reaches the client as a reset connection instead of the 413 response.
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= maxBytes) chunks.push(chunk);
		});
		request.on('end', () => {
			if (size > maxBytes) {
				reject(new ApiError(413, 'VALIDATION_ERROR', `Request body exceeds ${maxBytes} bytes`));
				return;
			}
			resolve(Buffer.concat(chunks));
		});
		request.on('error', reject);
	});
}

export function parseJsonBody(raw: Buffer, contentType: string | undefined): JsonObject {
	if (raw.length === 0) return {};

	const text = raw.toString('utf8');
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text)) as JsonObject;
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new ApiError(400, 'VALIDATION_ERROR', 'Request body is not valid JSON');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ApiError(400, 'VALIDATION_ERROR', 'Request body must be a JSON object');
	}
	return parsed as JsonObject;
}

export function sendJson(
	response: ServerResponse,
	status: number,
	body: JsonObject,
	headers: Record<string, string> = {},
): void {
	const payload = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		...headers,
	});
	response.end(payload);
}

export function errorEnvelope(error: ApiError): JsonObject {
	return {
		success: false,
		error: error.message,
		error_code: error.code,
		details: error.details,
	};
}
