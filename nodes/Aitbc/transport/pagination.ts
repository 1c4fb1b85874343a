import type { IDataObject } from 'n8n-workflow';

export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
	limit: number;
	offset?: number;
	startingAfter?: string;
}

export interface Page {
	data: IDataObject[];
	hasMore: boolean;
	nextPage: string | null;
}

export interface PaginationSettings {
	mode: 'cursor' | 'offset';
	/** Stop after this many records; undefined means every page. */
	maxItems?: number;
	pageSize?: number;
	/** First offset for offset mode, so a user can start in the middle of a list. */
	startOffset?: number;
}

/** A server response that would make the loop spin forever or silently lose records. */
export class PaginationError extends Error {}

/**
 * Walks a list to its end or to `maxItems`. It trusts `has_more`, and treats a repeated cursor
 * or a page that promises more but contains nothing as a server fault rather than looping.
 */
export async function collectPages(
	fetchPage: (request: PageRequest) => Promise<Page>,
	settings: PaginationSettings,
): Promise<IDataObject[]> {
	const pageSize = Math.min(settings.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	const records: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	let offset = settings.startOffset ?? 0;

	for (;;) {
		const remaining =
			settings.maxItems === undefined ? pageSize : settings.maxItems - records.length;
		if (remaining <= 0) return records;

		const request: PageRequest = { limit: Math.min(pageSize, remaining) };
		if (settings.mode === 'cursor' && cursor !== undefined) request.startingAfter = cursor;
		if (settings.mode === 'offset') request.offset = offset;

		const page = await fetchPage(request);
		for (const record of page.data) records.push(record);
		if (!page.hasMore) return records;

		if (page.data.length === 0) {
			throw new PaginationError(
				`The API reported more results but returned an empty page after ${records.length} records`,
			);
		}

		if (settings.mode === 'offset') {
			offset += page.data.length;
			continue;
		}

		const next = page.nextPage ?? (page.data[page.data.length - 1].id as string | undefined);
		if (!next) {
			throw new PaginationError(
				'The API reported more results but gave no cursor for the next page',
			);
		}
		if (seenCursors.has(next)) {
			throw new PaginationError(
				`The API returned the cursor "${next}" twice; stopping to avoid a loop`,
			);
		}
		seenCursors.add(next);
		cursor = next;
	}
}

/** Reads a list envelope into a page; anything else is a contract violation. */
export function toPage(body: unknown): Page {
	const envelope = body as IDataObject | undefined;
	if (!envelope || !Array.isArray(envelope.data)) {
		throw new PaginationError('The API returned a list response without a data array');
	}
	return {
		data: envelope.data as IDataObject[],
		hasMore: envelope.has_more === true,
		nextPage: typeof envelope.next_page === 'string' ? envelope.next_page : null,
	};
}
