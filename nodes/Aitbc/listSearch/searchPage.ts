import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { aitbcApiRequest } from '../transport/request';

/** Fetches one page of up to 100 records for a resource picker, with the next page's token. */
export async function fetchSearchPage(
	context: ILoadOptionsFunctions,
	path: string,
	paginationToken?: string,
): Promise<{ records: IDataObject[]; paginationToken?: string }> {
	const qs: IDataObject = { limit: 100 };
	if (paginationToken) qs.starting_after = paginationToken;

	const { body } = await aitbcApiRequest.call(context, 'GET', path, undefined, qs);
	const page = body as { data: IDataObject[]; has_more: boolean; next_page: string | null };
	return {
		records: page.data,
		paginationToken: page.has_more ? (page.next_page ?? undefined) : undefined,
	};
}
