import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { aitbcApiRequest } from '../transport/request';

/** One page of charges for the picker; AITBC has no text search, so the filter is local. */
export async function searchCharges(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: 100 };
	if (paginationToken) qs.starting_after = paginationToken;

	const { body } = await aitbcApiRequest.call(this, 'GET', '/payments/charges', undefined, qs);
	const page = body as { data: IDataObject[]; has_more: boolean; next_page: string | null };
	const needle = filter?.toLowerCase();

	const results = page.data
		.map((charge) => ({
			name: `${charge.id} · ${charge.amount} ${String(charge.currency).toUpperCase()} · ${charge.status}`,
			value: charge.id as string,
			description: (charge.description as string | null) ?? undefined,
		}))
		.filter((entry) => !needle || `${entry.name} ${entry.description ?? ''}`.toLowerCase().includes(needle));

	return { results, paginationToken: page.has_more ? (page.next_page ?? undefined) : undefined };
}
