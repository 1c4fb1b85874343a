import { sleep } from 'n8n-workflow';

/** Reads every page of a list with Node's fetch alone: the hand-written loop the node is measured against. */
export async function rawListAll(
	baseUrl: string,
	apiKey: string,
	path: string,
): Promise<unknown[]> {
	const records: unknown[] = [];
	let cursor: string | null = null;

	for (;;) {
		const query = new URLSearchParams({ limit: '100' });
		if (cursor) query.set('starting_after', cursor);

		const response = await fetch(`${baseUrl}/v1${path}?${query}`, {
			headers: { Authorization: `Bearer ${apiKey}` },
		});
		const page = (await response.json()) as {
			data: unknown[];
			has_more: boolean;
			next_page: string;
		};
		records.push(...page.data);
		if (!page.has_more) return records;
		cursor = page.next_page;
	}
}

export interface RawPostResult {
	status: number;
	attempts: number;
	rateLimited: number;
}

/** Sends a POST with a fixed idempotency key, waiting out each 429 for its Retry-After. */
export async function rawPost(
	baseUrl: string,
	apiKey: string,
	path: string,
	body: unknown,
	idempotencyKey: string,
): Promise<RawPostResult> {
	let rateLimited = 0;
	for (let attempt = 1; ; attempt++) {
		const response = await fetch(`${baseUrl}/v1${path}`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${apiKey}`,
				'Content-Type': 'application/json',
				'Idempotency-Key': idempotencyKey,
			},
			body: JSON.stringify(body),
		});
		await response.arrayBuffer();
		if (response.status !== 429 || attempt > 20) {
			return { status: response.status, attempts: attempt, rateLimited };
		}
		rateLimited++;
		await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
	}
}
