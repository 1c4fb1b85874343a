import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import type { Charge } from '../../sandbox/state';
import type { WorkflowJson } from '../harness/engine';
import { aitbcWorkflow } from '../harness/workflows';

/** Items numbered 0..count-1; the number travels in each charge's metadata. */
export function numberedItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) => ({ n, amount: 100 + n }));
}

/** A Charge Create workflow over `items`, with the node's Options collection set to `options`. */
export function chargeCreateWorkflow(
	items: IDataObject[],
	options: IDataObject = {},
	continueOnFail = false,
): WorkflowJson {
	const parameters: INodeParameters = {
		resource: 'charge',
		operation: 'create',
		amount: '={{ $json.amount }}',
		currency: 'usd',
		source: '={{ $json.source || "tok_visa" }}',
		additionalFields: { metadata: '={{ JSON.stringify({ n: $json.n }) }}' },
		transportOptions: options,
	};
	return aitbcWorkflow(parameters, items, continueOnFail ? { onError: 'continueRegularOutput' } : {});
}

export function chargeListWorkflow(options: IDataObject = {}, continueOnFail = false): WorkflowJson {
	return aitbcWorkflow(
		{ resource: 'charge', operation: 'getAll', returnAll: true, transportOptions: options },
		[{}],
		continueOnFail ? { onError: 'continueRegularOutput' } : {},
	);
}

/** Sandbox charges grouped by the item number in their metadata. */
export function chargesByItem(sandbox: Sandbox): Map<number, Charge[]> {
	const groups = new Map<number, Charge[]>();
	for (const charge of sandbox.context.state.charges.all()) {
		const n = Number(charge.metadata.n);
		groups.set(n, [...(groups.get(n) ?? []), charge]);
	}
	return groups;
}

/** Log lines of the test sandbox that carry a given status. */
export function withStatus(lines: string[], status: number): string[] {
	return lines.filter((line) => line.split(' ')[3] === String(status));
}
