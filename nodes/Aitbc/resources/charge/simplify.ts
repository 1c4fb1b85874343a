import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

type DisplayShow = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

const SIMPLE_CHARGE_FIELDS = [
	'id',
	'amount',
	'currency',
	'status',
	'created_at',
	'description',
	'amount_refunded',
];

export function simplifyToggle(show: DisplayShow, defaultValue = true): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: { show },
		default: defaultValue,
		description: `Whether to return only ${SIMPLE_CHARGE_FIELDS.join(', ')} instead of the whole charge`,
	};
}

/** Output hook of the charge operations: keeps the Simplify fields when the toggle is on. */
export function simplifyCharges(
	this: IExecuteSingleFunctions,
	charges: IDataObject[],
): IDataObject[] {
	if (!(this.getNodeParameter('simplify', false) as boolean)) return charges;

	return charges.map((charge) => {
		const simple: IDataObject = {};
		for (const field of SIMPLE_CHARGE_FIELDS) simple[field] = charge[field] ?? null;
		return simple;
	});
}
