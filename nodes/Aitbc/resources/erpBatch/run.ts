import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IGetNodeParameterOptions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	entityPath,
	entityTypeField,
	erpConnectionLocator,
	readConnectionId,
	readEntityType,
	readRecordFields,
	recordFieldsInput,
} from '../../shared/erp';
import { errorItemFor } from '../../transport/customOperation';
import { aitbcApiRequest } from '../../transport/request';

const showOnlyForErpBatchRun = { operation: ['run'], resource: ['erpBatch'] };
/** The API's limit of operations per batch call. */
export const MAX_BATCH_OPERATIONS = 100;

export const erpBatchRunDescription: INodeProperties[] = [
	erpConnectionLocator(showOnlyForErpBatchRun),
	entityTypeField(showOnlyForErpBatchRun),
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		displayOptions: { show: showOnlyForErpBatchRun },
		options: [
			{ name: 'Create', value: 'create' },
			{ name: 'Delete', value: 'delete' },
			{ name: 'Update', value: 'update' },
		],
		default: 'create',
		description:
			'What to do with the record of each input item. Set an <a href="https://docs.n8n.io/code/expressions/">expression</a> to mix actions in one batch.',
	},
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		displayOptions: { show: showOnlyForErpBatchRun },
		default: '',
		placeholder: 'cust_8f3a…',
		description: 'Record to update or delete; for create, an optional ID of your choice',
	},
	// Shown for every action, because an Action set by expression is only known per item at run time.
	...recordFieldsInput(showOnlyForErpBatchRun),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForErpBatchRun },
		default: {},
		options: [
			{
				displayName: 'Max Batches in Flight',
				name: 'maxInFlight',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 2,
				description: 'Batch calls of up to 100 operations each that may run at the same time',
			},
		],
	},
];

interface PlannedOperation {
	itemIndex: number;
	operation: IDataObject;
}

interface OperationResult {
	success: boolean;
	data?: IDataObject | null;
	error?: string | null;
	error_code?: string | null;
	details?: IDataObject;
}

/**
 * Sends one batch call per 100 input items of the same connection and entity type, at most
 * Max Batches in Flight at a time, and outputs one item per input item, in input order.
 */
export async function erpBatchRun(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBatches.call(withConstantParametersCached(this));
}

async function runBatches(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: Array<INodeExecutionData | undefined> = new Array(items.length);
	const groups = new Map<string, { path: string; operations: PlannedOperation[] }>();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const path = `${entityPath(readConnectionId(this, itemIndex), readEntityType(this, itemIndex))}/batch`;
			const group = groups.get(path) ?? { path, operations: [] };
			group.operations.push({ itemIndex, operation: planOperation(this, itemIndex) });
			groups.set(path, group);
		} catch (error) {
			output[itemIndex] = errorItemFor(this, error, itemIndex);
		}
	}

	const calls: Array<{ path: string; operations: PlannedOperation[] }> = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.operations.length; start += MAX_BATCH_OPERATIONS) {
			calls.push({
				path: group.path,
				operations: group.operations.slice(start, start + MAX_BATCH_OPERATIONS),
			});
		}
	}

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const maxInFlight = Math.max(1, Math.floor(Number(options.maxInFlight ?? 2)));
	const failures: Array<{ itemIndex: number; error: unknown }> = [];
	const settle = (itemIndex: number, produce: () => INodeExecutionData) => {
		try {
			output[itemIndex] = produce();
		} catch (error) {
			failures.push({ itemIndex, error });
		}
	};

	const sendCall = async (call: (typeof calls)[number]) => {
		let results: OperationResult[];
		try {
			results = await sendBatch(this, call.path, call.operations);
		} catch (error) {
			for (const { itemIndex } of call.operations) {
				settle(itemIndex, () => errorItemFor(this, error, itemIndex));
			}
			return;
		}
		call.operations.forEach((planned, position) => {
			settle(planned.itemIndex, () => resultItem(this, results[position], planned));
		});
	};

	await runWithLimit(calls, maxInFlight, sendCall);
	if (failures.length > 0) {
		throw failures.reduce((first, failure) =>
			failure.itemIndex < first.itemIndex ? failure : first,
		).error;
	}

	return [output.filter((item): item is INodeExecutionData => item !== undefined)];
}

async function sendBatch(
	context: IExecuteFunctions,
	path: string,
	operations: PlannedOperation[],
): Promise<OperationResult[]> {
	const body = { operations: operations.map((planned) => planned.operation) };
	const response = await aitbcApiRequest.call(context, 'POST', path, body);
	const results = (response.body as IDataObject).data as OperationResult[] | undefined;
	if (!Array.isArray(results) || results.length !== operations.length) {
		const count = Array.isArray(results) ? results.length : 'no';
		throw new NodeOperationError(
			context.getNode(),
			`The batch call returned ${count} results for ${operations.length} operations`,
			{
				description: 'AITBC must return one result per operation, in order; report this to AITBC.',
			},
		);
	}
	return results;
}

function planOperation(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const action = String(context.getNodeParameter('action', itemIndex, 'create'));
	if (!['create', 'update', 'delete'].includes(action)) {
		throw new NodeOperationError(
			context.getNode(),
			`Invalid Action in item ${itemIndex}: expected create, update or delete, got ${JSON.stringify(action)}`,
			{ itemIndex },
		);
	}

	const recordId = String(context.getNodeParameter('recordId', itemIndex, '')).trim();
	if (action !== 'create' && !recordId) {
		throw new NodeOperationError(context.getNode(), `Missing Record ID in item ${itemIndex}`, {
			itemIndex,
			description: `An ${action} needs the ID of the record to change.`,
		});
	}

	const operation: IDataObject = { action };
	if (recordId) operation.id = recordId;
	if (action !== 'delete') {
		const read = (name: string, fallback: unknown) =>
			context.getNodeParameter(name, itemIndex, fallback);
		operation.data = readRecordFields(context, read, itemIndex);
	}
	return operation;
}

/** Turns one operation result into its output item, or a failure into an error item. */
function resultItem(
	context: IExecuteFunctions,
	result: OperationResult,
	planned: PlannedOperation,
): INodeExecutionData {
	const { itemIndex } = planned;
	if (result?.success) {
		const json =
			planned.operation.action === 'delete'
				? { deleted: true, id: result.data?.id ?? planned.operation.id }
				: (result.data ?? {});
		return { json, pairedItem: { item: itemIndex } };
	}

	const envelope = {
		success: false,
		error: result?.error ?? 'The batch operation failed without a message',
		error_code: result?.error_code ?? 'INTERNAL_ERROR',
		details: result?.details ?? {},
	};
	const failure = {
		response: { status: statusOf(envelope.error_code), headers: {}, data: envelope },
	};
	return errorItemFor(context, failure, itemIndex);
}

const STATUS_BY_CODE: Record<string, number> = {
	VALIDATION_ERROR: 400,
	NOT_FOUND: 404,
	CONFLICT: 409,
	PERMISSION_DENIED: 403,
};

function statusOf(errorCode: string): number {
	return STATUS_BY_CODE[errorCode] ?? 500;
}

/** Runs `work` over `tasks` with at most `limit` running at once; waits for all to settle. */
async function runWithLimit<T>(
	tasks: T[],
	limit: number,
	work: (task: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const task = tasks[next++];
			await work(task);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/**
 * Returns a context that reads each parameter without an expression once for all items, because
 * such a value is the same for every item. n8n resolves a parameter anew for every item, and for
 * 10,000 items that took longer than the batch calls themselves.
 */
function withConstantParametersCached(context: IExecuteFunctions): IExecuteFunctions {
	const parameters = context.getNode().parameters;
	const cache = new Map<string, unknown>();

	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: IGetNodeParameterOptions,
	) => {
		if (name.includes('.') || containsExpression(parameters[name])) {
			return context.getNodeParameter(name, itemIndex, fallback, options);
		}
		const key = `${name} ${JSON.stringify(options ?? {})}`;
		if (!cache.has(key))
			cache.set(key, context.getNodeParameter(name, itemIndex, fallback, options));
		return cache.get(key);
	};
	return Object.create(context, {
		getNodeParameter: { value: getNodeParameter },
	}) as IExecuteFunctions;
}

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}
