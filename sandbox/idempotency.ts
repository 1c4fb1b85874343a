import { createHash } from 'node:crypto';

import { ApiError, type JsonObject } from './http';

const RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

interface StoredResponse {
	fingerprint: string;
	storedAt: number;
	status?: number;
	body?: JsonObject;
}

export type IdempotencyDecision =
	| { kind: 'new'; complete: (status: number, body: JsonObject) => void; abandon: () => void }
	| { kind: 'replay'; status: number; body: JsonObject };

/**
 * Keeps the first response per key for 24 hours. The key is scoped to the account, and the
 * fingerprint covers method, path and the exact body bytes, so a reused key with another body is
 * a conflict rather than a silent replay of the wrong charge.
 */
export class IdempotencyStore {
	private readonly entries = new Map<string, StoredResponse>();
	replays = 0;

	begin(accountId: string, key: string, method: string, path: string, rawBody: Buffer) {
		// An empty key would be shared by every caller whose key template came out empty, so
		// their different charges would collide or replay one another.
		if (key.trim() === '') {
			throw new ApiError(400, 'VALIDATION_ERROR', 'Idempotency-Key must not be empty', {
				field: 'Idempotency-Key',
			});
		}
		if (key.length > MAX_KEY_LENGTH) {
			throw new ApiError(
				400,
				'VALIDATION_ERROR',
				`Idempotency-Key exceeds ${MAX_KEY_LENGTH} characters`,
				{
					field: 'Idempotency-Key',
				},
			);
		}

		const scopedKey = `${accountId}:${key}`;
		const fingerprint = createHash('sha256')
			.update(`${method} ${path}\n`)
			.update(rawBody)
			.digest('hex');
		const now = Date.now();
		const existing = this.entries.get(scopedKey);

		if (existing && now - existing.storedAt < RETENTION_MS) {
			if (existing.fingerprint !== fingerprint) {
				throw new ApiError(
					409,
					'IDEMPOTENCY_CONFLICT',
					'This Idempotency-Key was already used with another method, path or body',
					{ idempotency_key: key },
				);
			}
			if (existing.status === undefined || existing.body === undefined) {
				throw new ApiError(
					409,
					'CONFLICT',
					'A request with this Idempotency-Key is still in flight',
					{
						idempotency_key: key,
					},
				);
			}
			this.replays++;
			return {
				kind: 'replay',
				status: existing.status,
				body: existing.body,
			} as IdempotencyDecision;
		}

		const entry: StoredResponse = { fingerprint, storedAt: now };
		this.entries.set(scopedKey, entry);
		return {
			kind: 'new',
			complete: (status: number, body: JsonObject) => {
				entry.status = status;
				entry.body = body;
			},
			abandon: () => this.entries.delete(scopedKey),
		} as IdempotencyDecision;
	}
}
