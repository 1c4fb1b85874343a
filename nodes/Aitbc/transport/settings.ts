import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import type { RequestContext } from './request';

export const TRANSPORT_OPTIONS = 'transportOptions';

export interface TransportSettings {
	/** Empty means a random key per POST. */
	idempotencyKey: string;
	maxInFlight: number;
	maxRetries: number;
	maxTotalWaitMs: number;
	/** 0 means no cap. */
	requestsPerSecond: number;
	timeoutMs: number;
}

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	idempotencyKey: '',
	maxInFlight: 10,
	maxRetries: 5,
	maxTotalWaitMs: 60_000,
	requestsPerSecond: 0,
	timeoutMs: 30_000,
};

/** The node's Options collection, shown for every operation. */
export const transportOptionsDescription: INodeProperties = {
	displayName: 'Options',
	name: TRANSPORT_OPTIONS,
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. order-{{ $json.orderId }}',
			description:
				'Key sent as Idempotency-Key with the create (POST) request of each item, so a repeated request returns the first result instead of acting twice. Empty uses a new random key per item and run; an expression over the item, such as an order ID, also protects against running the workflow twice.',
		},
		{
			displayName: 'Max Requests In Flight',
			name: 'maxInFlight',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TRANSPORT_SETTINGS.maxInFlight,
			description: 'Maximum number of requests this node sends at the same time, across all items',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_TRANSPORT_SETTINGS.maxRetries,
			description:
				'Maximum number of times one request is sent again after a rate limit (429), a server error (5xx), a timeout or a dropped connection',
		},
		{
			displayName: 'Max Total Wait (Seconds)',
			name: 'maxTotalWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_TRANSPORT_SETTINGS.maxTotalWaitMs / 1000,
			description:
				'Maximum time one request may spend waiting between retries and for rate-limit windows. When the server asks for a longer wait (Retry-After), the item fails at once.',
		},
		{
			displayName: 'Requests Per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_TRANSPORT_SETTINGS.requestsPerSecond,
			description: 'Maximum number of requests this node starts per second; 0 means no cap',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TRANSPORT_SETTINGS.timeoutMs / 1000,
			description:
				'How long one attempt may wait for the server to answer before it is cancelled and retried',
		},
	],
};

/**
 * Reads the Options collection for the current item. Contexts without items (list searches,
 * webhook setup) and nodes without the collection get the defaults.
 */
export function readTransportSettings(context: RequestContext): TransportSettings {
	const raw = readOptions(context);
	const itemIndex = 'getItemIndex' in context ? context.getItemIndex() : 0;
	const number = (name: string, label: string, fallback: number, min: number) =>
		readNumber(context, raw[name], label, fallback, min, itemIndex);

	return {
		idempotencyKey: raw.idempotencyKey === undefined ? '' : String(raw.idempotencyKey).trim(),
		maxInFlight: Math.floor(
			number('maxInFlight', 'Max Requests In Flight', DEFAULT_TRANSPORT_SETTINGS.maxInFlight, 1),
		),
		maxRetries: Math.floor(
			number('maxRetries', 'Max Retries', DEFAULT_TRANSPORT_SETTINGS.maxRetries, 0),
		),
		maxTotalWaitMs:
			number(
				'maxTotalWait',
				'Max Total Wait',
				DEFAULT_TRANSPORT_SETTINGS.maxTotalWaitMs / 1000,
				0,
			) * 1000,
		requestsPerSecond: number('requestsPerSecond', 'Requests Per Second', 0, 0),
		timeoutMs:
			number('timeout', 'Timeout', DEFAULT_TRANSPORT_SETTINGS.timeoutMs / 1000, 0.001) * 1000,
	};
}

function readOptions(context: RequestContext): IDataObject {
	try {
		const value =
			'getItemIndex' in context || !('getInputData' in context)
				? (context.getNodeParameter as (name: string, fallback: unknown) => unknown)(
						TRANSPORT_OPTIONS,
						{},
					)
				: context.getNodeParameter(TRANSPORT_OPTIONS, 0, {});
		return value && typeof value === 'object' ? (value as IDataObject) : {};
	} catch {
		// Nodes of this package without the collection, such as the trigger, use the defaults.
		return {};
	}
}

function readNumber(
	context: RequestContext,
	value: unknown,
	label: string,
	fallback: number,
	min: number,
	itemIndex: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;

	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(number) || number < min) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid ${label} in item ${itemIndex}: expected a number of ${min} or more, ` +
				`got ${JSON.stringify(value)}`,
			{ itemIndex, description: `Set Options > ${label} to a number of ${min} or more.` },
		);
	}
	return number;
}
