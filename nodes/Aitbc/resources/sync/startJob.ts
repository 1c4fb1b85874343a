import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	erpConnectionLocator,
	FILTER_EXAMPLE,
	jsonObjectParameter,
	readConnectionId,
	STANDARD_ENTITY_TYPES,
} from '../../shared/erp';
import { utcFromParameter } from '../../shared/watermark';
import { runForEachItem } from '../../transport/customOperation';
import { aitbcApiRequest, unwrapData } from '../../transport/request';

const showOnlyForSyncStartJob = { operation: ['startJob'], resource: ['sync'] };
const FIRST_POLL_DELAY_MS = 300;
const MAX_POLL_DELAY_MS = 10_000;

export const syncStartJobDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForSyncStartJob),
	{
		displayName: 'Entity Types',
		name: 'entityTypes',
		type: 'multiOptions',
		required: true,
		displayOptions: { show: showOnlyForSyncStartJob },
		options: STANDARD_ENTITY_TYPES,
		default: ['customers'],
		description:
			'Kinds of ERP record to sync. Choose from the list, or specify other names using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		displayOptions: { show: showOnlyForSyncStartJob },
		options: [
			{ name: 'Pull', value: 'pull', description: 'Copy records from the ERP into AITBC' },
			{ name: 'Push', value: 'push', description: 'Copy records from AITBC into the ERP' },
		],
		default: 'pull',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		displayOptions: { show: showOnlyForSyncStartJob },
		default: false,
		description:
			'Whether to poll the job until it succeeds or fails and output the finished job; a failed job fails the item',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: { ...showOnlyForSyncStartJob, waitForCompletion: [true] } },
		default: 300,
		hint: 'Polls after 0.3 s, then doubles the wait up to 10 s between polls',
		description: 'How long to wait for the job to finish before failing the item',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: showOnlyForSyncStartJob },
		default: {},
		options: [
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only records changed at or after this time',
			},
			{
				displayName: 'Filters (JSON)',
				name: 'filters',
				type: 'json',
				default: '{}',
				description: 'Field values a record must have, such as {"status": "open"}',
			},
		],
	},
];

export async function syncStartJob(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runForEachItem(this, async (itemIndex) => [await startJobForItem(this, itemIndex)]);
}

async function startJobForItem(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const body: IDataObject = {
		connection_id: readConnectionId(context, itemIndex),
		entity_types: readEntityTypes(context, itemIndex),
		direction: context.getNodeParameter('direction', itemIndex, 'pull'),
	};
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const since = utcFromParameter(context, itemIndex, 'Since', additional.since);
	if (since !== undefined) body.since = since;
	if (additional.filters !== undefined && additional.filters !== '') {
		body.filters = jsonObjectParameter(
			context,
			itemIndex,
			'Filters (JSON)',
			additional.filters,
			FILTER_EXAMPLE,
		);
	}

	const job = unwrapData((await aitbcApiRequest.call(context, 'POST', '/sync/jobs', body)).body);
	if (!context.getNodeParameter('waitForCompletion', itemIndex, false)) return job;

	const timeoutMs = Number(context.getNodeParameter('timeoutSeconds', itemIndex, 300)) * 1000;
	const finished = await waitForJob(context, job, timeoutMs, itemIndex);
	if (finished.status === 'failed') {
		throw new NodeOperationError(
			context.getNode(),
			`Sync job ${String(finished.id)} failed: ${String(finished.error ?? 'no reason given')}`,
			{
				itemIndex,
				description: 'Get Job shows the job’s stats; fix the connection and start a new job.',
			},
		);
	}
	return finished;
}

/** Polls with doubling waits until the job leaves queued and running, or the timeout passes. */
async function waitForJob(
	context: IExecuteFunctions,
	job: IDataObject,
	timeoutMs: number,
	itemIndex: number,
): Promise<IDataObject> {
	const deadline = Date.now() + timeoutMs;
	let delayMs = FIRST_POLL_DELAY_MS;
	let current = job;

	while (current.status === 'queued' || current.status === 'running') {
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) {
			throw new NodeOperationError(
				context.getNode(),
				`Sync job ${String(job.id)} timed out in item ${itemIndex}: still ${String(current.status)} after ${timeoutMs / 1000} s`,
				{ itemIndex, description: 'Raise Timeout (Seconds), or check the job later with Get Job.' },
			);
		}
		await sleep(Math.min(delayMs, remainingMs));
		delayMs = Math.min(delayMs * 2, MAX_POLL_DELAY_MS);

		const path = `/sync/jobs/${encodeURIComponent(String(job.id))}`;
		current = unwrapData((await aitbcApiRequest.call(context, 'GET', path)).body);
	}
	return current;
}

function readEntityTypes(context: IExecuteFunctions, itemIndex: number): string[] {
	const raw = context.getNodeParameter('entityTypes', itemIndex, []) as unknown;
	const list = (Array.isArray(raw) ? raw : String(raw).split(','))
		.map((entry) => String(entry).trim())
		.filter(Boolean);
	if (list.length === 0) {
		throw new NodeOperationError(context.getNode(), `Missing Entity Types in item ${itemIndex}`, {
			itemIndex,
			description: 'Choose at least one entity type, such as customers.',
		});
	}
	return list;
}
