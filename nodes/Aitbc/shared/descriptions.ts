import type { INodeProperties } from 'n8n-workflow';

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
