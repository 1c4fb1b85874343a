import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from './validation';

type DisplayShow = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** Return All and Limit for a list operation; the transport reads both by name. */
export function returnAllAndLimit(show: DisplayShow, noun: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: `Max number of ${noun} to return`,
		},
	];
}

/**
 * Reads Limit for a list operation. The editor enforces the minimum of 1 only for typed values,
 * so the node checks expression results here. Without the check, 0 or less returned nothing
 * without a request, and a fraction or text reached the API as an invalid `limit`. Digit strings
 * are accepted.
 */
export function readLimit(context: IExecuteSingleFunctions): number {
	const value = context.getNodeParameter('limit', 50) as unknown;
	const limit = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
		throw invalidInput(
			context,
			'Limit',
			`expected a whole number of 1 or more, got ${JSON.stringify(value)}`,
		);
	}
	return limit;
}
