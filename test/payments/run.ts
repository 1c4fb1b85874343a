import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../harness/engine';
import { bearerCredentials, startTestSandbox, TEST_API_KEY } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** Runs Manual Trigger → Code → AITBC once and returns the run and the AITBC output items. */
export async function runAitbc(
	sandbox: TestSandbox,
	parameters: INodeParameters,
	items: object[] = [{}],
	nodeSettings: Partial<INode> = {},
): Promise<{ result: RunResult; json: IDataObject[] }> {
	const result = await runWorkflow(aitbcWorkflow(parameters, items, nodeSettings), {
		credentials: bearerCredentials(sandbox),
	});
	return { result, json: result.output('AITBC').map((item) => item.json) };
}

/** Calls the sandbox API directly for setup that is not under test, and returns the envelope. */
export async function sandboxApi(
	sandbox: TestSandbox,
	method: string,
	path: string,
	body?: object,
): Promise<IDataObject> {
	const response = await fetch(`${sandbox.url}/v1${path}`, {
		method,
		headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as IDataObject;
}

export async function createCharge(
	sandbox: TestSandbox,
	amount: number,
	currency = 'usd',
	source = 'tok_visa',
): Promise<IDataObject> {
	const envelope = await sandboxApi(sandbox, 'POST', '/payments/charges', {
		amount,
		currency,
		source,
	});
	return envelope.data as IDataObject;
}

/** Builds a resource locator value as the n8n editor stores an ID typed by hand. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}
