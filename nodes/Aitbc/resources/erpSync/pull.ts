import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import {
	entityPath,
	entityTypeField,
	erpConnectionLocator,
	FILTER_EXAMPLE,
	jsonObjectParameter,
	readConnectionId,
	readEntityType,
} from '../../shared/erp';
import {
	deliveredKey,
	pruneDelivered,
	sinceFields,
	utcFromParameter,
	WatermarkStore,
} from '../../shared/watermark';
import { runForEachItem } from '../../transport/customOperation';
import { PaginationError } from '../../transport/pagination';
import { aitbcApiRequest, unwrapData } from '../../transport/request';

const showOnlyForErpSyncPull = { operation: ['pull'], resource: ['erpSync'] };
const MAX_SYNC_PAGE = 1000;

export const erpSyncPullDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForErpSyncPull),
	entityTypeField(showOnlyForErpSyncPull),
	...sinceFields(showOnlyForErpSyncPull, 'records'),
	{
		displayName: 'Lookback Window (Minutes)',
		name: 'lookbackMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: { show: { ...showOnlyForErpSyncPull, sinceMode: ['lastRun'] } },
		default: 0,
		hint: 'Re-reads this many minutes before the stored position, so records an ERP commits late are not missed. Records already delivered are dropped.',
		description: 'Minutes to re-read before the newest change time a previous run delivered',
	},
	{
		displayName: 'Filters (JSON)',
		name: 'recordFilters',
		type: 'json',
		displayOptions: { show: showOnlyForErpSyncPull },
		default: '{}',
		description:
			'Field values a record must have, such as {"status": "open"}; an array value matches any of its members',
	},
	...returnAllAndLimit(showOnlyForErpSyncPull, 'records'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForErpSyncPull },
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_SYNC_PAGE },
				default: MAX_SYNC_PAGE,
				description: 'Records per request, 1 to 1000; smaller pages suit slow ERP systems',
			},
		],
	},
];

interface SyncPage {
	items: IDataObject[];
	has_more: boolean;
	next_page: string | null;
}

/**
 * Pulls records changed since a date or since the last successful run, oldest change first.
 * It is a custom operation because the watermark must move once, after every input item has
 * produced its records. A routed operation's output hook runs per item, so a later item's
 * failure would come after an earlier item had already moved the watermark.
 */
export async function erpSyncPull(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const watermarks = new WatermarkStore(this);
	return await runForEachItem(
		this,
		async (itemIndex) => await pullItem(this, watermarks, itemIndex),
		() => watermarks.commit(),
	);
}

async function pullItem(
	context: IExecuteFunctions,
	watermarks: WatermarkStore,
	itemIndex: number,
): Promise<IDataObject[]> {
	const connectionId = readConnectionId(context, itemIndex);
	const entityType = readEntityType(context, itemIndex);
	const rawFilters = context.getNodeParameter('recordFilters', itemIndex, '{}');
	const filters = jsonObjectParameter(
		context,
		itemIndex,
		'Filters (JSON)',
		rawFilters,
		FILTER_EXAMPLE,
	);
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (context.getNodeParameter('limit', itemIndex, 50) as number);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const pageSize = Math.min(Math.max(Number(options.pageSize ?? MAX_SYNC_PAGE), 1), MAX_SYNC_PAGE);

	const fromLastRun = context.getNodeParameter('sinceMode', itemIndex, 'date') === 'lastRun';
	const key = `erpSync ${connectionId} ${entityType} ${JSON.stringify(filters)}`;
	const watermark = fromLastRun ? watermarks.read(key) : undefined;
	const lookbackMs = fromLastRun
		? Number(context.getNodeParameter('lookbackMinutes', itemIndex, 0)) * 60_000
		: 0;

	let since: string | undefined;
	if (watermark?.since) since = new Date(Date.parse(watermark.since) - lookbackMs).toISOString();
	else {
		const field = fromLastRun ? 'firstRunSince' : 'since';
		const label = fromLastRun ? 'First Run Since' : 'Since Date';
		since = utcFromParameter(
			context,
			itemIndex,
			label,
			context.getNodeParameter(field, itemIndex, ''),
		);
	}

	const delivered = new Set(watermark?.delivered ?? []);
	const records: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;

	while (records.length < limit) {
		const body: IDataObject = { filters, limit: Math.min(pageSize, limit - records.length) };
		if (since !== undefined) body.since = since;
		if (cursor !== undefined) body.starting_after = cursor;

		const response = await aitbcApiRequest.call(
			context,
			'POST',
			`${entityPath(connectionId, entityType)}/sync`,
			body,
		);
		const page = unwrapData(response.body) as unknown as SyncPage;
		for (const record of page.items) {
			if (delivered.has(deliveredKey(record.id, record.updated_at))) continue;
			if (records.length < limit) records.push(record);
		}
		if (!page.has_more) break;

		const next = page.next_page ?? undefined;
		if (!next || seenCursors.has(next)) {
			throw new PaginationError(`The sync returned no new cursor after ${records.length} records`);
		}
		seenCursors.add(next);
		cursor = next;
	}

	if (fromLastRun && records.length > 0) {
		const newest = records.reduce(
			(latest, record) => Math.max(latest, Date.parse(String(record.updated_at))),
			watermark?.since ? Date.parse(watermark.since) : 0,
		);
		const keys = records.map((record) => deliveredKey(record.id, record.updated_at));
		watermarks.stage(key, {
			since: new Date(newest).toISOString(),
			delivered: pruneDelivered([...delivered, ...keys], newest - lookbackMs),
		});
	}
	return records;
}
