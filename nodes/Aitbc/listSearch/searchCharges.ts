import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchSearchPage } from './searchPage';

/** Loads one page of charges for the picker. AITBC has no text search, so the filter is local. */
export async function searchCharges(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await fetchSearchPage(this, '/payments/charges', paginationToken);
	const needle = filter?.toLowerCase();

	const results = page.records
		.map((charge) => ({
			name: `${charge.id} · ${charge.amount} ${String(charge.currency).toUpperCase()} · ${charge.status}`,
			value: charge.id as string,
			description: (charge.description as string | null) ?? undefined,
		}))
		.filter(
			(entry) =>
				!needle || `${entry.name} ${entry.description ?? ''}`.toLowerCase().includes(needle),
		);

	return { results, paginationToken: page.paginationToken };
}
