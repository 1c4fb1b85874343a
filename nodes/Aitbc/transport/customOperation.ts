import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from './errors';
import { PaginationError } from './pagination';

/**
 * Maps a failure of one input item to the error n8n shows. Under Continue On Fail or the error
 * output it returns an error item paired to that input item; otherwise it throws.
 */
export function errorItemFor(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): INodeExecutionData {
	const cause = error instanceof PaginationError ? new Error(error.message) : error;
	const nodeError = toNodeError(context.getNode(), cause, itemIndex);
	if (!context.continueOnFail()) throw nodeError;
	return { json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } };
}

/**
 * Runs `work` for each input item in order and pairs its records to that item. `afterAll`
 * runs only when every item got past `work`, with or without error items.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	work: (itemIndex: number) => Promise<IDataObject[]>,
	afterAll?: () => void,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const count = context.getInputData().length;

	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const records = await work(itemIndex);
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(errorItemFor(context, error, itemIndex));
		}
	}

	afterAll?.();
	return [output];
}
