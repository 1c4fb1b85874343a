import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchSearchPage } from './searchPage';

/** Fetches one page of subscriptions for the picker and filters it here (AITBC has no search). */
export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await fetchSearchPage(this, '/payments/subscriptions', paginationToken);
	const needle = filter?.toLowerCase();

	const results = page.records
		.map((subscription) => ({
			name: `${subscription.id} · ${subscription.customer_id} · ${subscription.status}`,
			value: subscription.id as string,
		}))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle));

	return { results, paginationToken: page.paginationToken };
}
