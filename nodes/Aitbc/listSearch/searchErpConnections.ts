import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchSearchPage } from './searchPage';

/** Loads one page of ERP connections for the picker, filtered locally by name, system or ID. */
export async function searchErpConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await fetchSearchPage(this, '/erp/connections', paginationToken);
	const needle = filter?.toLowerCase();

	const results = page.records
		.map((connection) => ({
			name: `${connection.name} (${connection.system})`,
			value: connection.id as string,
			description: `${connection.id} · ${connection.status}`,
		}))
		.filter(
			(entry) => !needle || `${entry.name} ${entry.description}`.toLowerCase().includes(needle),
		);

	return { results, paginationToken: page.paginationToken };
}
