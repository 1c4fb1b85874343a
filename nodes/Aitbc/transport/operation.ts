import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { readLimit } from '../shared/descriptions';
import { toNodeError } from './errors';
import { trackActivity } from './limiter';
import { collectPages, PaginationError, toPage, type PageRequest } from './pagination';
import { sendRequest, unwrapData } from './request';

export interface OperationSpec {
	/** Checks and normalizes the request before it is sent; throws to fail the item. */
	prepare?: (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => void | Promise<void>;
	/** A list operation reads Return All and Limit and walks the pages. */
	list?: boolean;
	/** Reshapes each record, for example the Simplify toggle. */
	output?: (this: IExecuteSingleFunctions, records: IDataObject[]) => IDataObject[];
}

/**
 * Builds the routing for one declarative operation. n8n's routing builds method, URL, query and
 * body from the parameters, then hands the request to this function instead of sending it
 * (declarative nodes call that hook "pagination"). So every operation shares one transport:
 * validation before any request, list walking, envelope unwrapping, error mapping, and error
 * items paired to their input item.
 */
export function transportRouting(spec: OperationSpec = {}) {
	return {
		send: { paginate: true },
		operations: {
			async pagination(
				this: IExecutePaginationFunctions,
				requestData: DeclarativeRestApiSettings.ResultOptions,
			): Promise<INodeExecutionData[]> {
				return await runOperation.call(this, requestData.options as IHttpRequestOptions, spec);
			},
		},
	};
}

async function runOperation(
	this: IExecutePaginationFunctions,
	options: IHttpRequestOptions,
	spec: OperationSpec,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();

	try {
		// One activity spans all pages of a list, so the run summary waits for the last page.
		return await trackActivity(this, async () => {
			await spec.prepare?.call(this, options);

			const records = spec.list
				? await fetchList.call(this, options)
				: [unwrapData((await sendRequest.call(this, options)).body)];
			const shaped = spec.output ? spec.output.call(this, records) : records;

			// One pairing object for all records of this item: a Return All of 100,000 records would
			// otherwise allocate 100,000 identical objects.
			const pairedItem = { item: itemIndex };
			return shaped.map((json) => ({ json, pairedItem }));
		});
	} catch (error) {
		const cause = error instanceof PaginationError ? new Error(error.message) : error;
		const nodeError = toNodeError(this.getNode(), cause, itemIndex);
		// n8n replaces an error item's json with { error: message }; the code and details stay on
		// the error object, which the error output and the execution log both show.
		if (this.continueOnFail()) {
			return [
				{ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } },
			];
		}
		throw nodeError;
	}
}

async function fetchList(
	this: IExecutePaginationFunctions,
	options: IHttpRequestOptions,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? undefined : readLimit(this);

	const fetchPage = async (page: PageRequest) => {
		const qs: IDataObject = { ...options.qs, limit: page.limit };
		if (page.startingAfter !== undefined) qs.starting_after = page.startingAfter;
		if (page.offset !== undefined) qs.offset = page.offset;

		const response = await sendRequest.call(this, { ...options, qs });
		return toPage(response.body);
	};

	// An offset in the query (a user's Offset option) makes the whole walk offset-based, because
	// the API would apply it again to every cursor page.
	const startOffset = options.qs?.offset as number | undefined;
	if (startOffset !== undefined) {
		return await collectPages(fetchPage, { mode: 'offset', maxItems: limit, startOffset });
	}
	return await collectPages(fetchPage, { mode: 'cursor', maxItems: limit });
}
