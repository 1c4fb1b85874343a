import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { aitbcApiRequest } from '../transport/request';

/** Loads one page of ERP connections for the picker, filtered locally by name, system or ID. */
export async function searchErpConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: 100 };
	if (paginationToken) qs.starting_after = paginationToken;

	const { body } = await aitbcApiRequest.call(this, 'GET', '/erp/connections', undefined, qs);
	const page = body as { data: IDataObject[]; has_more: boolean; next_page: string | null };
	const needle = filter?.toLowerCase();

	const results = page.data
		.map((connection) => ({
			name: `${connection.name} (${connection.system})`,
			value: connection.id as string,
			description: `${connection.id} · ${connection.status}`,
		}))
		.filter(
			(entry) => !needle || `${entry.name} ${entry.description}`.toLowerCase().includes(needle),
		);

	return { results, paginationToken: page.has_more ? (page.next_page ?? undefined) : undefined };
}
