import type { SandboxContext } from './context';
import type { ErpConnection, ErpEntity } from './erpState';
import { ERP_SYSTEMS, STANDARD_ENTITY_TYPES } from './erpState';
import { ApiError, newId, nowIso, validationError, type Json, type JsonObject } from './http';

const ENTITY_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const RESERVED_FIELDS = new Set(['created_at', 'updated_at']);
const ID_PREFIXES: Record<string, string> = {
	customers: 'cust',
	orders: 'ord',
	products: 'prod',
	invoices: 'inv',
};

export type ErpAction = 'create' | 'update' | 'delete';

/** The connections every sandbox starts with: one per ERP system, plus one that fails its jobs. */
export const SEEDED_CONNECTIONS: Array<Pick<ErpConnection, 'id' | 'name' | 'system' | 'status'>> = [
	{
		id: 'conn_sap01',
		name: 'SAP S/4HANA (EU)',
		system: 'sap',
		status: 'active',
	},
	{
		id: 'conn_oracle01',
		name: 'Oracle Fusion Finance',
		system: 'oracle',
		status: 'active',
	},
	{
		id: 'conn_netsuite01',
		name: 'NetSuite (US)',
		system: 'netsuite',
		status: 'active',
	},
	{
		id: 'conn_dynamics01',
		name: 'Dynamics 365 Business Central',
		system: 'dynamics',
		status: 'active',
	},
	{
		id: 'conn_salesforce01',
		name: 'Salesforce Sales Cloud',
		system: 'salesforce',
		status: 'active',
	},
	{
		id: 'conn_broken01',
		name: 'SAP ECC (credentials expired)',
		system: 'sap',
		status: 'error',
	},
];

export function seedConnections(context: SandboxContext): void {
	const now = nowIso();
	for (const connection of SEEDED_CONNECTIONS) {
		if (!ERP_SYSTEMS.includes(connection.system))
			throw new Error(`Unknown ERP system ${connection.system}`);
		context.state.erp.connections.insert({
			...connection,
			object: 'erp_connection',
			created_at: now,
		});
	}
}

/** Adds `perType` records of each standard entity type to every connection, spread over the past. */
export function seedErpEntities(context: SandboxContext, perType: number): void {
	const start = Date.now() - perType * 60_000;
	for (const connection of context.state.erp.connections.all()) {
		for (const entityType of STANDARD_ENTITY_TYPES) {
			for (let index = 0; index < perType; index++) {
				const at = new Date(start + index * 60_000).toISOString();
				insertEntity(context, connection.id, entityType, seedFields(entityType, index), at);
			}
		}
	}
}

function seedFields(entityType: string, index: number): JsonObject {
	const number = index + 1;
	switch (entityType) {
		case 'customers':
			return {
				name: `Customer ${number}`,
				email: `customer${number}@example.com`,
				country: 'DE',
			};
		case 'orders':
			return {
				number: `SO-${10000 + number}`,
				total: 1000 + number * 25,
				currency: 'eur',
				status: 'open',
			};
		case 'products':
			return {
				sku: `SKU-${number}`,
				name: `Product ${number}`,
				price: 500 + number * 10,
			};
		default:
			return {
				number: `INV-${20000 + number}`,
				amount: 2000 + number * 15,
				currency: 'eur',
				status: 'open',
			};
	}
}

export function requireEntityType(value: string): string {
	if (!ENTITY_TYPE_PATTERN.test(value)) {
		throw validationError(
			'entity_type',
			`entity_type must be lower-case letters, digits and underscores, starting with a letter, got "${value}"`,
		);
	}
	return value;
}

export function requireConnection(context: SandboxContext, connectionId: string): ErpConnection {
	const connection = context.state.erp.connections.get(connectionId);
	if (!connection) {
		throw new ApiError(404, 'NOT_FOUND', `No such ERP connection: ${connectionId}`, {
			id: connectionId,
		});
	}
	return connection;
}

/**
 * Applies one create, update or delete, records it in the changes feed and emits its event.
 * Throws an ApiError for a bad request, which a batch turns into that operation's failed result.
 */
export function applyOperation(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	action: ErpAction,
	id: string | undefined,
	data: Json | undefined,
): ErpEntity {
	if (action === 'delete') return deleteEntity(context, connectionId, entityType, requireId(id));

	const fields = requireFields(data);
	if (action === 'update')
		return updateEntity(context, connectionId, entityType, requireId(id), fields);

	const records = context.state.erp.entitiesOf(connectionId, entityType);
	const requestedId = id ?? (typeof fields.id === 'string' ? fields.id : undefined);
	if (requestedId !== undefined && records.get(requestedId)) {
		throw new ApiError(
			409,
			'CONFLICT',
			`A ${entityType} record with id ${requestedId} already exists`,
			{
				id: requestedId,
			},
		);
	}
	return insertEntity(
		context,
		connectionId,
		entityType,
		{ ...fields, id: requestedId ?? null },
		nowIso(),
	);
}

function insertEntity(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	fields: JsonObject,
	at: string,
): ErpEntity {
	const { id: requestedId, ...rest } = fields;
	const id =
		typeof requestedId === 'string' && requestedId
			? requestedId
			: newId(ID_PREFIXES[entityType] ?? 'ent');
	const entity = context.state.erp.insertEntity(connectionId, entityType, {
		id,
		...rest,
		created_at: at,
		updated_at: at,
	});
	context.state.countCreated(`erp.${entityType}`);
	announce(context, connectionId, entityType, 'created', entity, at);
	return entity;
}

function updateEntity(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	id: string,
	fields: JsonObject,
): ErpEntity {
	const entity = context.state.erp.entitiesOf(connectionId, entityType).require(id);
	const { id: _ignored, ...changes } = fields;
	Object.assign(entity, changes, { updated_at: nowIso() });
	announce(context, connectionId, entityType, 'updated', entity, entity.updated_at);
	return entity;
}

function deleteEntity(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	id: string,
): ErpEntity {
	const records = context.state.erp.entitiesOf(connectionId, entityType);
	const entity = records.require(id);
	records.delete(id);
	announce(context, connectionId, entityType, 'deleted', entity, nowIso());
	return entity;
}

/**
 * Stores a record whose `updated_at` lies in the past but that only now becomes visible, as
 * when an ERP commits a long transaction late. The changes feed gets a new, higher id for it.
 */
export function insertLateRecord(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	fields: JsonObject,
	updatedAt: string,
): ErpEntity {
	requireConnection(context, connectionId);
	const at = new Date(updatedAt).toISOString();
	const records = context.state.erp.entitiesOf(connectionId, requireEntityType(entityType));
	const existing = typeof fields.id === 'string' ? records.get(fields.id) : undefined;
	if (!existing) return insertEntity(context, connectionId, entityType, fields, at);

	Object.assign(existing, fields, { updated_at: at });
	announce(context, connectionId, entityType, 'updated', existing, at);
	return existing;
}

function announce(
	context: SandboxContext,
	connectionId: string,
	entityType: string,
	action: 'created' | 'updated' | 'deleted',
	entity: ErpEntity,
	at: string,
): void {
	context.state.erp.recordChange(connectionId, entityType, action, entity, at);
	context.emit?.(`erp.entity.${action}`, {
		...entity,
		connection_id: connectionId,
		entity_type: entityType,
	});
}

function requireId(id: string | undefined): string {
	if (!id) throw validationError('id', 'id is required to update or delete a record');
	return id;
}

function requireFields(data: Json | undefined): JsonObject {
	if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) {
		throw validationError('data', 'data must be a JSON object of the record’s fields');
	}
	for (const field of Object.keys(data)) {
		if (RESERVED_FIELDS.has(field)) {
			throw validationError(field, `${field} is set by AITBC and cannot be written`);
		}
	}
	return data;
}
