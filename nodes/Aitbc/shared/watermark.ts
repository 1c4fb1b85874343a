import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { parseInZone } from './time';

type DisplayShow = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** Delivered record keys kept per watermark; beyond this the oldest are forgotten first. */
export const MAX_DELIVERED_KEYS = 5_000;

/** Position a scheduled read keeps between runs, in the node's workflow static data. */
export interface Watermark {
	/** Newest timestamp delivered, RFC 3339 in UTC. */
	since?: string;
	/** Last change ID delivered, for feeds whose IDs only grow. */
	cursor?: string;
	/** `id@version` of records delivered at or after `since` minus the lookback window. */
	delivered?: string[];
}

/** Since mode, date and first-run date fields, shared by Get Changes and ERP Sync. */
export function sinceFields(show: DisplayShow, noun: string): INodeProperties[] {
	return [
		{
			displayName: 'Since',
			name: 'sinceMode',
			type: 'options',
			displayOptions: { show },
			options: [
				{
					name: 'A Date',
					value: 'date',
					description: `Only ${noun} changed at or after a date you set`,
				},
				{
					name: 'Last Successful Run',
					value: 'lastRun',
					description: `Only ${noun} changed since the newest one a previous run delivered`,
				},
			],
			default: 'date',
		},
		{
			displayName:
				'Manual runs read from the stored position but never move it; only scheduled or activated runs do',
			name: 'manualRunNotice',
			type: 'notice',
			displayOptions: { show: { ...show, sinceMode: ['lastRun'] } },
			default: '',
		},
		{
			displayName: 'Since Date',
			name: 'since',
			type: 'dateTime',
			displayOptions: { show: { ...show, sinceMode: ['date'] } },
			default: '',
			description: `Only ${noun} changed at or after this time; leave empty for all`,
		},
		{
			displayName: 'First Run Since',
			name: 'firstRunSince',
			type: 'dateTime',
			displayOptions: { show: { ...show, sinceMode: ['lastRun'] } },
			default: '',
			description: `Where the first run starts, before any position is stored; leave empty for all ${noun}`,
		},
	];
}

/**
 * Converts a date parameter to RFC 3339 in UTC. A value without a zone, as n8n's date picker
 * produces, is read in the workflow's timezone, not the server's.
 */
export function utcFromParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;

	const text = value instanceof Date ? value.toISOString() : String(value).trim();
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !/T|\d{2}:\d{2}/.test(text);
	const parsed = zoned ? Date.parse(text) : parseInZone(text, context.getTimezone());
	if (Number.isNaN(parsed)) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid ${field} in item ${itemIndex}: expected a date and time, got ${JSON.stringify(value)}`,
			{ itemIndex },
		);
	}
	return new Date(parsed).toISOString();
}

/**
 * Watermarks of one node run. Reads come from static data, but writes are only staged. They
 * reach static data through `commit`, which the operation calls after every item produced its
 * output and which does nothing in a manual run.
 */
export class WatermarkStore {
	private readonly staged = new Map<string, Watermark>();
	private readonly staticData: IDataObject;
	readonly manual: boolean;

	constructor(private readonly context: IExecuteFunctions) {
		this.staticData = context.getWorkflowStaticData('node');
		this.manual = context.getMode() === 'manual';
	}

	read(key: string): Watermark | undefined {
		const stored = (this.staticData.watermarks as IDataObject | undefined)?.[key];
		return (this.staged.get(key) ?? stored) as Watermark | undefined;
	}

	stage(key: string, watermark: Watermark): void {
		this.staged.set(key, watermark);
	}

	commit(): void {
		if (this.staged.size === 0) return;
		if (this.manual) {
			this.context.addExecutionHints({
				message:
					'This was a manual run, so the stored position did not move; the next scheduled run starts where the last one ended',
				location: 'outputPane',
			});
			return;
		}
		const watermarks = ((this.staticData.watermarks as IDataObject | undefined) ??= {});
		for (const [key, watermark] of this.staged) watermarks[key] = watermark as IDataObject;
	}
}

export function deliveredKey(id: unknown, version: unknown): string {
	return `${String(id)}@${String(version)}`;
}

/**
 * Keeps the keys whose version time is inside the window that the next run reads again, newest
 * last, at most MAX_DELIVERED_KEYS of them.
 */
export function pruneDelivered(keys: Iterable<string>, windowStartMs: number): string[] {
	const kept = [...new Set(keys)].filter((key) => {
		const version = Date.parse(key.slice(key.lastIndexOf('@') + 1));
		return Number.isNaN(version) || version >= windowStartMs;
	});
	// NOTE: past this bound a record re-read inside the lookback window can be delivered twice.
	return kept.slice(-MAX_DELIVERED_KEYS);
}
