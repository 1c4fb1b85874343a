import { Collection } from './collection';
import type { Json } from './http';

export const ERP_SYSTEMS = ['sap', 'oracle', 'netsuite', 'dynamics', 'salesforce'] as const;
export const STANDARD_ENTITY_TYPES = ['customers', 'orders', 'products', 'invoices'] as const;

export interface ErpConnection {
	id: string;
	object: 'erp_connection';
	name: string;
	system: (typeof ERP_SYSTEMS)[number];
	/** A connection in `error` accepts entity calls but fails every sync job, as a broken link would. */
	status: 'active' | 'error';
	created_at: string;
}

/** An ERP record: the caller's own fields plus the three the sandbox owns. */
export interface ErpEntity {
	id: string;
	created_at: string;
	updated_at: string;
	[field: string]: Json;
}

export interface ChangeEvent {
	/** Position in the feed, starting at 1; it never repeats, so it serves as a cursor. */
	id: number;
	object: 'change';
	resource: string;
	connection_id: string;
	action: 'created' | 'updated' | 'deleted';
	object_id: string;
	occurred_at: string;
	data: ErpEntity;
}

export interface SyncJob {
	id: string;
	object: 'sync_job';
	status: 'queued' | 'running' | 'succeeded' | 'failed';
	connection_id: string;
	entity_types: string[];
	direction: 'pull' | 'push';
	since: string | null;
	filters: Record<string, Json>;
	created_at: string;
	started_at: string | null;
	finished_at: string | null;
	stats: { created: number; updated: number; deleted: number; failed: number };
	error: string | null;
}

/** ERP connections, their records per entity type, the changes feed and sync jobs. */
export class ErpState {
	readonly connections = new Collection<ErpConnection>('ERP connection');
	readonly changes: ChangeEvent[] = [];
	readonly jobs = new Collection<SyncJob>('sync job');
	readonly timers = new Set<NodeJS.Timeout>();
	private readonly entities = new Map<string, Collection<ErpEntity>>();
	/** Insertion order of each record, the tie-break for records with the same `updated_at`. */
	private readonly sequences = new WeakMap<ErpEntity, number>();
	private nextSequence = 1;

	entitiesOf(connectionId: string, entityType: string): Collection<ErpEntity> {
		const key = `${connectionId}/${entityType}`;
		let collection = this.entities.get(key);
		if (!collection) {
			collection = new Collection<ErpEntity>(`${entityType} record`);
			this.entities.set(key, collection);
		}
		return collection;
	}

	insertEntity(connectionId: string, entityType: string, entity: ErpEntity): ErpEntity {
		this.sequences.set(entity, this.nextSequence++);
		return this.entitiesOf(connectionId, entityType).insert(entity);
	}

	sequenceOf(entity: ErpEntity): number {
		return this.sequences.get(entity) ?? 0;
	}

	recordChange(
		connectionId: string,
		entityType: string,
		action: ChangeEvent['action'],
		entity: ErpEntity,
		occurredAt: string,
	): ChangeEvent {
		const change: ChangeEvent = {
			id: this.changes.length + 1,
			object: 'change',
			resource: entityType,
			connection_id: connectionId,
			action,
			object_id: entity.id,
			occurred_at: occurredAt,
			data: { ...entity },
		};
		this.changes.push(change);
		return change;
	}

	/** Stops pending sync job transitions, so a closed sandbox leaves no timers behind. */
	stopTimers(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
