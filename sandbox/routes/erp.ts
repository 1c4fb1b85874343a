import type { SandboxContext } from '../context';
import { listEnvelope, objectEnvelope, parseListQuery } from '../collection';
import {
	applyOperation,
	insertLateRecord,
	requireConnection,
	requireEntityType,
	type ErpAction,
} from '../erpRecords';
import type { ErpEntity } from '../erpState';
import {
	ApiError,
	validationError,
	type Json,
	type JsonObject,
	type SandboxRequest,
} from '../http';
import { optionalMetadata, optionalTimestamp, requireString } from '../validate';

const MAX_BATCH_OPERATIONS = 100;
const MAX_SYNC_LIMIT = 1000;
const DEFAULT_SYNC_LIMIT = 100;
const ACTIONS = new Set<ErpAction>(['create', 'update', 'delete']);

export function registerErpRoutes(context: SandboxContext): void {
	const { router, state } = context;
	const base = '/v1/erp/connections/:cid/:entityType';

	router.add('GET', '/v1/erp/connections', (request) => {
		const page = state.erp.connections.list(parseListQuery(request.query), () => true, 'oldest');
		return { body: listEnvelope(page, request.requestId) };
	});

	router.add('GET', '/v1/erp/connections/:cid', (request) => ({
		body: objectEnvelope(requireConnection(context, request.params.cid), request.requestId),
	}));

	router.add('POST', base, (request) => {
		const { connectionId, entityType } = target(context, request);
		const entity = timed('create', () =>
			applyOperation(context, connectionId, entityType, 'create', undefined, request.body),
		);
		return { status: 201, body: operationResult(entity, request.requestId) };
	});

	router.add('GET', `${base}/:id`, (request) => {
		const { connectionId, entityType } = target(context, request);
		const entity = state.erp.entitiesOf(connectionId, entityType).require(request.params.id);
		return { body: objectEnvelope(entity, request.requestId) };
	});

	router.add('GET', base, (request) => {
		const { connectionId, entityType } = target(context, request);
		const page = parseListQuery(request.query);
		const updatedGte = optionalTimestamp(request.query, 'updated_gte');
		const filter = (entity: ErpEntity) =>
			updatedGte === undefined || Date.parse(entity.updated_at) >= updatedGte;
		const records = state.erp.entitiesOf(connectionId, entityType);
		return {
			body: listEnvelope(records.list(page, filter), request.requestId),
		};
	});

	router.add('PUT', `${base}/:id`, (request) => {
		const { connectionId, entityType } = target(context, request);
		const entity = timed('update', () =>
			applyOperation(context, connectionId, entityType, 'update', request.params.id, request.body),
		);
		return { body: operationResult(entity, request.requestId) };
	});

	router.add('DELETE', `${base}/:id`, (request) => {
		const { connectionId, entityType } = target(context, request);
		const entity = timed('delete', () =>
			applyOperation(context, connectionId, entityType, 'delete', request.params.id, undefined),
		);
		return { body: operationResult(entity, request.requestId) };
	});

	router.add('POST', `${base}/sync`, (request) => {
		const { connectionId, entityType } = target(context, request);
		return {
			body: objectEnvelope(
				syncPage(context, connectionId, entityType, request.body),
				request.requestId,
			),
		};
	});

	router.add('POST', `${base}/batch`, (request) => {
		const { connectionId, entityType } = target(context, request);
		const operations = requireOperations(request.body);
		const results = operations.map((operation) =>
			runBatchOperation(context, connectionId, entityType, operation),
		);
		return {
			body: {
				success: true,
				data: results,
				metadata: { request_id: request.requestId },
			},
		};
	});

	router.add(
		'POST',
		'/_sandbox/erp/late_records',
		(request) => {
			const updatedAt = requireString(request.body, 'updated_at');
			if (Number.isNaN(Date.parse(updatedAt))) {
				throw validationError(
					'updated_at',
					`updated_at must be an RFC 3339 timestamp, got "${updatedAt}"`,
				);
			}
			const entity = insertLateRecord(
				context,
				requireString(request.body, 'connection_id'),
				requireString(request.body, 'entity_type'),
				optionalMetadata(request.body, 'data'),
				updatedAt,
			);
			return { status: 201, body: objectEnvelope(entity, request.requestId) };
		},
		{ public: true },
	);
}

function target(context: SandboxContext, request: SandboxRequest) {
	const connection = requireConnection(context, request.params.cid);
	return {
		connectionId: connection.id,
		entityType: requireEntityType(request.params.entityType),
	};
}

interface Timed<T> {
	value: T;
	operation: ErpAction;
	durationMs: number;
}

function timed<T>(operation: ErpAction, work: () => T): Timed<T> {
	const started = process.hrtime.bigint();
	const value = work();
	return {
		value,
		operation,
		durationMs: Number(process.hrtime.bigint() - started) / 1e6,
	};
}

/** Builds an OperationResult, which also serves as the success envelope around `data`. */
function operationResult(result: Timed<ErpEntity>, requestId?: string): JsonObject {
	const metadata: JsonObject = {
		operation: result.operation,
		duration_ms: result.durationMs,
	};
	if (requestId !== undefined) metadata.request_id = requestId;
	return {
		success: true,
		data: result.value as unknown as JsonObject,
		error: null,
		error_code: null,
		metadata,
	};
}

interface BatchOperation {
	action: ErpAction;
	id?: string;
	data?: Json;
}

function requireOperations(body: JsonObject): BatchOperation[] {
	const operations = body.operations;
	if (!Array.isArray(operations) || operations.length === 0) {
		throw validationError('operations', 'operations must be a non-empty array');
	}
	if (operations.length > MAX_BATCH_OPERATIONS) {
		throw validationError(
			'operations',
			`A batch takes at most ${MAX_BATCH_OPERATIONS} operations, got ${operations.length}; split it`,
		);
	}
	return operations as unknown as BatchOperation[];
}

/** Runs one operation of a batch. A failure becomes its own result and never stops the others. */
function runBatchOperation(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	operation: BatchOperation,
): JsonObject {
	const started = process.hrtime.bigint();
	const action = operation?.action;
	try {
		if (!ACTIONS.has(action)) {
			throw validationError(
				'action',
				`action must be create, update or delete, got ${JSON.stringify(action)}`,
			);
		}
		if (operation.id !== undefined && typeof operation.id !== 'string') {
			throw validationError('id', 'id must be a string');
		}
		const entity = applyOperation(
			context,
			connectionId,
			entityType,
			action,
			operation.id,
			operation.data,
		);
		return operationResult({
			value: entity,
			operation: action,
			durationMs: Number(process.hrtime.bigint() - started) / 1e6,
		});
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		return {
			success: false,
			data: null,
			error: error.message,
			error_code: error.code,
			details: error.details,
			metadata: {
				operation: typeof action === 'string' ? action : null,
				duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
			},
		};
	}
}

/**
 * Selects records changed at or after `since`, oldest `updated_at` first, so a caller that
 * stores the newest `updated_at` it received can resume there. Filters compare top-level fields for
 * equality; an array value matches any of its members.
 */
function syncPage(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	body: JsonObject,
): JsonObject {
	const since = optionalBodyTimestamp(body, 'since');
	const filters = optionalMetadata(body, 'filters');
	const limit = body.limit ?? DEFAULT_SYNC_LIMIT;
	if (
		typeof limit !== 'number' ||
		!Number.isInteger(limit) ||
		limit < 1 ||
		limit > MAX_SYNC_LIMIT
	) {
		throw validationError(
			'limit',
			`limit must be an integer from 1 to ${MAX_SYNC_LIMIT}, got ${JSON.stringify(limit)}`,
		);
	}

	const { erp } = context.state;
	const position = (entity: ErpEntity): SyncPosition => [
		Date.parse(entity.updated_at),
		erp.sequenceOf(entity),
	];
	const matching = erp
		.entitiesOf(connectionId, entityType)
		.all()
		.filter((entity) => since === undefined || Date.parse(entity.updated_at) >= since)
		.filter((entity) => matchesFilters(entity, filters))
		.sort((a, b) => comparePositions(position(a), position(b)));

	let start = 0;
	if (body.starting_after !== undefined && body.starting_after !== null) {
		const after = decodeSyncCursor(body.starting_after);
		start = matching.findIndex((entity) => comparePositions(position(entity), after) > 0);
		if (start === -1) start = matching.length;
	}

	const items = matching.slice(start, start + limit);
	const hasMore = start + limit < matching.length;
	const last = items[items.length - 1];
	return {
		items,
		count: items.length,
		has_more: hasMore,
		next_page: hasMore && last ? encodeSyncCursor(position(last)) : null,
	};
}

/** Change time in milliseconds, then insertion order: a total order that updates cannot skip. */
type SyncPosition = [number, number];

function comparePositions(a: SyncPosition, b: SyncPosition): number {
	return a[0] - b[0] || a[1] - b[1];
}

/**
 * Encodes a position rather than a record ID, because a record updated between two pages moves
 * to the end of the order, and resuming after its new place would skip the records in between.
 */
function encodeSyncCursor(position: SyncPosition): string {
	return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeSyncCursor(cursor: Json): SyncPosition {
	try {
		const position = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
		if (Array.isArray(position) && position.length === 2 && position.every(Number.isFinite)) {
			return position as SyncPosition;
		}
	} catch {
		// Falls through to the validation error below.
	}
	throw validationError(
		'starting_after',
		`starting_after must be the next_page of a previous sync response, got ${JSON.stringify(cursor)}`,
	);
}

export function matchesFilters(entity: JsonObject, filters: Record<string, Json>): boolean {
	return Object.entries(filters).every(([field, expected]) =>
		Array.isArray(expected) ? expected.includes(entity[field]) : entity[field] === expected,
	);
}

function optionalBodyTimestamp(body: JsonObject, field: string): number | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '') return undefined;

	const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(parsed)) {
		throw validationError(
			field,
			`${field} must be an RFC 3339 timestamp, got ${JSON.stringify(value)}`,
		);
	}
	return parsed;
}
