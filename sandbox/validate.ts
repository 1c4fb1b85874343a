import { validationError, type Json, type JsonObject } from './http';

export function requireString(body: JsonObject, field: string): string {
	const value = body[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw validationError(field, `${field} is required and must be a non-empty string`);
	}
	return value;
}

export function optionalString(body: JsonObject, field: string): string | null {
	const value = body[field];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') throw validationError(field, `${field} must be a string`);
	return value;
}

export function requirePositiveInteger(body: JsonObject, field: string): number {
	const value = body[field];
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
		throw validationError(field, `${field} must be a positive integer in minor units`);
	}
	return value;
}

export function optionalMetadata(body: JsonObject, field = 'metadata'): Record<string, Json> {
	const value = body[field];
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw validationError(field, `${field} must be a JSON object`);
	}
	return value;
}

export function requireCurrency(body: JsonObject, field = 'currency'): string {
	const value = requireString(body, field);
	if (!/^[A-Za-z]{3}$/.test(value)) {
		throw validationError(field, `${field} must be a three-letter ISO 4217 code, got "${value}"`);
	}
	return value.toLowerCase();
}

export function optionalTimestamp(query: URLSearchParams, field: string): number | undefined {
	const raw = query.get(field);
	if (raw === null || raw === '') return undefined;

	const parsed = Date.parse(raw);
	if (Number.isNaN(parsed)) {
		throw validationError(field, `${field} must be an RFC 3339 timestamp, got "${raw}"`);
	}
	return parsed;
}
