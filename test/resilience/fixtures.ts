import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SandboxContext } from '../../sandbox/context';
import type { SandboxRequest } from '../../sandbox/http';
import type { Sandbox } from '../../sandbox/server';
import type { Charge } from '../../sandbox/state';
import type { WorkflowJson } from '../harness/engine';
import { aitbcWorkflow } from '../harness/workflows';

/** Returns items numbered 0..count-1, and each charge carries its number in its metadata. */
export function numberedItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) => ({ n, amount: 100 + n }));
}

/** Builds a Charge Create workflow over `items`, with the node's Options set to `options`. */
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
		transportOptions: options as INodeParameters,
	};
	return aitbcWorkflow(
		parameters,
		items,
		continueOnFail ? { onError: 'continueRegularOutput' } : {},
	);
}

export function chargeListWorkflow(
	options: IDataObject = {},
	continueOnFail = false,
): WorkflowJson {
	return aitbcWorkflow(
		{
			resource: 'charge',
			operation: 'getAll',
			returnAll: true,
			transportOptions: options as INodeParameters,
		},
		[{}],
		continueOnFail ? { onError: 'continueRegularOutput' } : {},
	);
}

/** Groups the sandbox charges by the item number in their metadata. */
export function chargesByItem(sandbox: Sandbox): Map<number, Charge[]> {
	const groups = new Map<number, Charge[]>();
	for (const charge of sandbox.context.state.charges.all()) {
		const n = Number(charge.metadata.n);
		groups.set(n, [...(groups.get(n) ?? []), charge]);
	}
	return groups;
}

/** Returns the log lines of the test sandbox that carry a given status. */
export function withStatus(lines: string[], status: number): string[] {
	return lines.filter((line) => line.split(' ')[3] === String(status));
}

/** Reads the item number from a create request's metadata; interceptors see only raw bytes. */
export function itemNumberOf(request: SandboxRequest): number | undefined {
	if (request.rawBody.length === 0) return undefined;
	const body = JSON.parse(request.rawBody.toString('utf8')) as { metadata?: { n?: number } };
	return body.metadata?.n;
}

export interface RecordedRequest {
	method: string;
	path: string;
	idempotencyKey?: string;
	itemNumber?: number;
	/** Arrival time in milliseconds since the epoch. */
	arrivedAt: number;
}

/** Records every request as it arrives, before faults or processing. */
export function recordRequests(context: SandboxContext): RecordedRequest[] {
	const recorded: RecordedRequest[] = [];
	context.interceptors.unshift({
		async beforeProcessing(request) {
			const key = request.headers['idempotency-key'];
			recorded.push({
				method: request.method,
				path: request.path,
				idempotencyKey: Array.isArray(key) ? key[0] : key,
				itemNumber: request.method === 'POST' ? itemNumberOf(request) : undefined,
				arrivedAt: Date.now(),
			});
		},
	});
	return recorded;
}
