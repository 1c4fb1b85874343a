import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { sinceFields, utcFromParameter, WatermarkStore } from '../../shared/watermark';
import { runForEachItem } from '../../transport/customOperation';
import { collectPages, toPage, type PageRequest } from '../../transport/pagination';
import { aitbcApiRequest } from '../../transport/request';

const showOnlyForSyncGetChanges = { operation: ['getChanges'], resource: ['sync'] };

export const syncGetChangesDescription: INodeProperties[] = [
	...sinceFields(showOnlyForSyncGetChanges, 'changes'),
	{
		displayName:
			'Change IDs only grow, so a scheduled run resumes after the last change ID it delivered and needs no lookback window',
		name: 'cursorNotice',
		type: 'notice',
		displayOptions: { show: { ...showOnlyForSyncGetChanges, sinceMode: ['lastRun'] } },
		default: '',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showOnlyForSyncGetChanges },
		default: {},
		options: [
			{
				displayName: 'Connection ID',
				name: 'connectionId',
				type: 'string',
				default: '',
				placeholder: 'conn_sap01',
				description: 'Only changes from this ERP connection',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'string',
				default: '',
				placeholder: 'customers',
				description: 'Only changes to this resource, such as an ERP entity type',
			},
		],
	},
	...returnAllAndLimit(showOnlyForSyncGetChanges, 'changes'),
];

/**
 * Reads the changes feed, oldest first. A custom operation so that the stored cursor moves
 * once, after every input item produced its changes (see erpSyncPull for why routing cannot).
 */
export async function syncGetChanges(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const watermarks = new WatermarkStore(this);
	return await runForEachItem(
		this,
		async (itemIndex) => await getChangesForItem(this, watermarks, itemIndex),
		() => watermarks.commit(),
	);
}

async function getChangesForItem(
	context: IExecuteFunctions,
	watermarks: WatermarkStore,
	itemIndex: number,
): Promise<IDataObject[]> {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: (context.getNodeParameter('limit', itemIndex, 50) as number);
	const fromLastRun = context.getNodeParameter('sinceMode', itemIndex, 'date') === 'lastRun';

	const qs: IDataObject = {};
	if (filters.connectionId) qs.connection_id = String(filters.connectionId).trim();
	if (filters.resource) qs.resource = String(filters.resource).trim();

	const key = `changes ${qs.connection_id ?? '*'} ${qs.resource ?? '*'}`;
	const watermark = fromLastRun ? watermarks.read(key) : undefined;
	const startAfter = watermark?.cursor;
	if (startAfter === undefined) {
		const field = fromLastRun ? 'firstRunSince' : 'since';
		const label = fromLastRun ? 'First Run Since' : 'Since Date';
		const since = utcFromParameter(
			context,
			itemIndex,
			label,
			context.getNodeParameter(field, itemIndex, ''),
		);
		if (since !== undefined) qs.since = since;
	}

	const fetchPage = async (page: PageRequest) => {
		const pageQs: IDataObject = { ...qs, limit: page.limit };
		const cursor = page.startingAfter ?? startAfter;
		if (cursor !== undefined) pageQs.starting_after = cursor;
		const response = await aitbcApiRequest.call(context, 'GET', '/sync/changes', undefined, pageQs);
		return toPage(response.body);
	};
	const changes = await collectPages(fetchPage, { mode: 'cursor', maxItems: limit });

	const last = changes[changes.length - 1];
	if (fromLastRun && last) {
		watermarks.stage(key, { cursor: String(last.id), since: String(last.occurred_at) });
	}
	return changes;
}
