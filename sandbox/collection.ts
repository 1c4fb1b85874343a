import { ApiError, validationError, type JsonObject } from './http';

export interface ListQuery {
	limit: number;
	offset: number;
	startingAfter?: string;
}

export interface ListPage<T> {
	data: T[];
	has_more: boolean;
	next_page: string | null;
}

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 10;

export function parseListQuery(query: URLSearchParams): ListQuery {
	const limit = parseIntegerParam(query, 'limit', DEFAULT_PAGE_SIZE);
	if (limit < 1 || limit > MAX_PAGE_SIZE) {
		throw validationError('limit', `limit must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`);
	}

	const offset = parseIntegerParam(query, 'offset', 0);
	if (offset < 0) throw validationError('offset', `offset must be 0 or more, got ${offset}`);

	const startingAfter = query.get('starting_after') ?? undefined;
	return { limit, offset, startingAfter: startingAfter || undefined };
}

function parseIntegerParam(query: URLSearchParams, name: string, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;

	const value = Number(raw);
	if (!Number.isInteger(value))
		throw validationError(name, `${name} must be an integer, got "${raw}"`);
	return value;
}

/**
 * In-memory table that keeps insertion order, so lists can walk it newest first (payments) or
 * oldest first (the changes feed) and resume after a cursor id without scanning from the start.
 */
export class Collection<T extends { id: string }> {
	private readonly rows: T[] = [];
	private readonly positions = new Map<string, number>();

	constructor(readonly kind: string) {}

	get size(): number {
		return this.rows.length;
	}

	insert(row: T): T {
		this.positions.set(row.id, this.rows.length);
		this.rows.push(row);
		return row;
	}

	get(id: string): T | undefined {
		const position = this.positions.get(id);
		return position === undefined ? undefined : this.rows[position];
	}

	require(id: string): T {
		const row = this.get(id);
		if (!row) throw new ApiError(404, 'NOT_FOUND', `No such ${this.kind}: ${id}`, { id });
		return row;
	}

	/** Removes a row by replacing it with a tombstone, so stored positions stay valid. */
	delete(id: string): boolean {
		const position = this.positions.get(id);
		if (position === undefined) return false;

		this.positions.delete(id);
		(this.rows as Array<T | undefined>)[position] = undefined;
		return true;
	}

	all(): T[] {
		return this.rows.filter((row) => row !== undefined);
	}

	list(
		query: ListQuery,
		filter: (row: T) => boolean = () => true,
		order: 'newest' | 'oldest' = 'newest',
	): ListPage<T> {
		const step = order === 'newest' ? -1 : 1;
		let position = order === 'newest' ? this.rows.length - 1 : 0;

		if (query.startingAfter !== undefined) {
			const cursor = this.positions.get(query.startingAfter);
			if (cursor === undefined) {
				throw validationError(
					'starting_after',
					`starting_after refers to an unknown ${this.kind}: ${query.startingAfter}`,
				);
			}
			position = cursor + step;
		}

		const data: T[] = [];
		let skipped = 0;
		let hasMore = false;
		for (; position >= 0 && position < this.rows.length; position += step) {
			const row = this.rows[position];
			if (row === undefined || !filter(row)) continue;

			if (skipped < query.offset) {
				skipped++;
				continue;
			}
			if (data.length === query.limit) {
				hasMore = true;
				break;
			}
			data.push(row);
		}

		const last = data[data.length - 1];
		return { data, has_more: hasMore, next_page: hasMore && last ? last.id : null };
	}
}

export function listEnvelope<T>(page: ListPage<T>, requestId: string): JsonObject {
	return {
		success: true,
		data: page.data as unknown as JsonObject[],
		has_more: page.has_more,
		next_page: page.next_page,
		metadata: { request_id: requestId },
	};
}

export function objectEnvelope<T>(data: T, requestId: string): JsonObject {
	return {
		success: true,
		data: data as unknown as JsonObject,
		metadata: { request_id: requestId },
	};
}
