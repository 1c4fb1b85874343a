import type { IDataObject } from 'n8n-workflow';

import {
	collectPages,
	PaginationError,
	toPage,
	type Page,
	type PageRequest,
} from '../../nodes/Aitbc/transport/pagination';

function records(from: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ id: `ch_${from + index}` }));
}

/** A list of `total` records served by cursor or offset, recording every request. */
function fakeList(total: number) {
	const all = records(0, total);
	const requests: PageRequest[] = [];
	const fetchPage = async (request: PageRequest): Promise<Page> => {
		requests.push(request);
		let start = request.offset ?? 0;
		if (request.startingAfter) start = all.findIndex((row) => row.id === request.startingAfter) + 1;

		const data = all.slice(start, start + request.limit);
		const hasMore = start + data.length < total;
		return { data, hasMore, nextPage: hasMore ? (data[data.length - 1].id as string) : null };
	};
	return { fetchPage, requests };
}

describe('collectPages', () => {
	test('cursor mode walks every page once', async () => {
		const list = fakeList(250);

		const result = await collectPages(list.fetchPage, { mode: 'cursor' });

		expect(result.map((row) => row.id)).toEqual(records(0, 250).map((row) => row.id));
		expect(list.requests).toEqual([
			{ limit: 100 },
			{ limit: 100, startingAfter: 'ch_99' },
			{ limit: 100, startingAfter: 'ch_199' },
		]);
	});

	test('offset mode advances by records received', async () => {
		const list = fakeList(250);

		const result = await collectPages(list.fetchPage, { mode: 'offset' });

		expect(result).toHaveLength(250);
		expect(list.requests.map((request) => request.offset)).toEqual([0, 100, 200]);
	});

	test('maxItems shrinks the last page', async () => {
		const list = fakeList(250);

		const result = await collectPages(list.fetchPage, { mode: 'cursor', maxItems: 130 });

		expect(result).toHaveLength(130);
		expect(list.requests.map((request) => request.limit)).toEqual([100, 30]);
	});

	test('empty list makes one request', async () => {
		const list = fakeList(0);

		expect(await collectPages(list.fetchPage, { mode: 'cursor' })).toEqual([]);
		expect(list.requests).toHaveLength(1);
	});

	test('repeated cursor stops with an error', async () => {
		const fetchPage = async (): Promise<Page> => ({
			data: records(0, 2),
			hasMore: true,
			nextPage: 'ch_same',
		});

		await expect(collectPages(fetchPage, { mode: 'cursor' })).rejects.toThrow(
			'The API returned the cursor "ch_same" twice; stopping to avoid a loop',
		);
	});

	test('empty page with has_more stops with an error', async () => {
		let calls = 0;
		const fetchPage = async (): Promise<Page> => {
			calls++;
			return calls === 1
				? { data: records(0, 100), hasMore: true, nextPage: 'ch_99' }
				: { data: [], hasMore: true, nextPage: 'ch_100' };
		};

		await expect(collectPages(fetchPage, { mode: 'cursor' })).rejects.toThrow(PaginationError);
		expect(calls).toBe(2);
	});

	test('has_more without cursor falls back to the last id', async () => {
		const list = fakeList(150);
		const withoutCursor = async (request: PageRequest) => ({
			...(await list.fetchPage(request)),
			nextPage: null,
		});

		const result = await collectPages(withoutCursor, { mode: 'cursor' });

		expect(result).toHaveLength(150);
		expect(list.requests[1].startingAfter).toBe('ch_99');
	});
});

describe('toPage', () => {
	test('reads a list envelope', () => {
		expect(toPage({ success: true, data: [{ id: 'a' }], has_more: true, next_page: 'a' })).toEqual({
			data: [{ id: 'a' }],
			hasMore: true,
			nextPage: 'a',
		});
	});

	test('rejects a body without data', () => {
		expect(() => toPage({ success: true })).toThrow(PaginationError);
	});
});
