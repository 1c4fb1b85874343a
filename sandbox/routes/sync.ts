import type { SandboxContext } from '../context';
import { listEnvelope, objectEnvelope, parseListQuery } from '../collection';
import { requireConnection, requireEntityType } from '../erpRecords';
import type { ChangeEvent, SyncJob } from '../erpState';
import { newId, nowIso, validationError, type JsonObject } from '../http';
import { optionalMetadata, optionalTimestamp, requireString } from '../validate';
import { matchesFilters } from './erp';

const JOB_STATUSES = new Set(['queued', 'running', 'succeeded', 'failed']);

export function registerSyncRoutes(context: SandboxContext): void {
	const { router, state } = context;

	router.add('GET', '/v1/sync/changes', (request) => {
		const page = parseListQuery(request.query);
		const since = optionalTimestamp(request.query, 'since');
		const resource = request.query.get('resource') || undefined;
		const connectionId = request.query.get('connection_id') || undefined;

		const cursor = request.query.get('starting_after');
		let start = 0;
		if (cursor) {
			start = Number(cursor);
			if (!Number.isSafeInteger(start) || start < 0) {
				throw validationError(
					'starting_after',
					`starting_after must be a change id, got "${cursor}"`,
				);
			}
		}

		const matches = (change: ChangeEvent) =>
			(since === undefined || Date.parse(change.occurred_at) >= since) &&
			(resource === undefined || change.resource === resource) &&
			(connectionId === undefined || change.connection_id === connectionId);

		// Change ids are positions in the feed, so a cursor resumes without a scan from the start.
		const data: ChangeEvent[] = [];
		let skipped = 0;
		let hasMore = false;
		for (let position = start; position < state.erp.changes.length; position++) {
			const change = state.erp.changes[position];
			if (!matches(change)) continue;
			if (skipped < page.offset) {
				skipped++;
				continue;
			}
			if (data.length === page.limit) {
				hasMore = true;
				break;
			}
			data.push(change);
		}

		const nextPage = hasMore ? String(data[data.length - 1].id) : null;
		return {
			body: listEnvelope({ data, has_more: hasMore, next_page: nextPage }, request.requestId),
		};
	});

	router.add('POST', '/v1/sync/jobs', (request) => {
		const job = createJob(context, request.body);
		scheduleJob(context, job);
		return { status: 201, body: objectEnvelope(job, request.requestId) };
	});

	router.add('GET', '/v1/sync/jobs/:id', (request) => ({
		body: objectEnvelope(state.erp.jobs.require(request.params.id), request.requestId),
	}));

	router.add('GET', '/v1/sync/jobs', (request) => {
		const page = parseListQuery(request.query);
		const status = request.query.get('status') || undefined;
		if (status && !JOB_STATUSES.has(status)) {
			throw validationError('status', `status must be one of ${[...JOB_STATUSES].join(', ')}`);
		}
		const connectionId = request.query.get('connection_id') || undefined;
		const filter = (job: SyncJob) =>
			(status === undefined || job.status === status) &&
			(connectionId === undefined || job.connection_id === connectionId);
		return {
			body: listEnvelope(state.erp.jobs.list(page, filter), request.requestId),
		};
	});
}

function createJob(context: SandboxContext, body: JsonObject): SyncJob {
	const connection = requireConnection(context, requireString(body, 'connection_id'));

	const entityTypes = body.entity_types;
	if (!Array.isArray(entityTypes) || entityTypes.length === 0) {
		throw validationError(
			'entity_types',
			'entity_types must be a non-empty array of entity type names',
		);
	}
	for (const entityType of entityTypes) {
		if (typeof entityType !== 'string') {
			throw validationError('entity_types', 'entity_types must contain strings only');
		}
		requireEntityType(entityType);
	}

	const direction = body.direction ?? 'pull';
	if (direction !== 'pull' && direction !== 'push') {
		throw validationError(
			'direction',
			`direction must be pull or push, got ${JSON.stringify(direction)}`,
		);
	}

	let since: string | null = null;
	if (body.since !== undefined && body.since !== null && body.since !== '') {
		const parsed = typeof body.since === 'string' ? Date.parse(body.since) : Number.NaN;
		if (Number.isNaN(parsed)) {
			throw validationError(
				'since',
				`since must be an RFC 3339 timestamp, got ${JSON.stringify(body.since)}`,
			);
		}
		since = new Date(parsed).toISOString();
	}

	const job = context.state.erp.jobs.insert({
		id: newId('job'),
		object: 'sync_job',
		status: 'queued',
		connection_id: connection.id,
		entity_types: entityTypes as string[],
		direction,
		since,
		filters: optionalMetadata(body, 'filters'),
		created_at: nowIso(),
		started_at: null,
		finished_at: null,
		stats: { created: 0, updated: 0, deleted: 0, failed: 0 },
		error: null,
	});
	context.state.countCreated('sync_job');
	return job;
}

/**
 * Moves a job from queued to running after one step and to its end one step per entity type
 * later. Jobs on a connection in `error` fail, which is how tests and demos get a failed job.
 */
function scheduleJob(context: SandboxContext, job: SyncJob): void {
	const { erp } = context.state;
	const stepMs = context.options.syncJobStepMs;
	const later = (delayMs: number, work: () => void) => {
		const timer = setTimeout(() => {
			erp.timers.delete(timer);
			work();
		}, delayMs);
		timer.unref();
		erp.timers.add(timer);
	};

	later(stepMs, () => {
		job.status = 'running';
		job.started_at = nowIso();
		later(stepMs * job.entity_types.length, () => finishJob(context, job));
	});
}

function finishJob(context: SandboxContext, job: SyncJob): void {
	const connection = context.state.erp.connections.require(job.connection_id);
	job.finished_at = nowIso();

	if (connection.status === 'error') {
		job.status = 'failed';
		job.stats.failed = job.entity_types.length;
		job.error = `The ${connection.system} connection ${connection.id} rejected the login: credentials expired`;
		context.emit?.('sync.job.failed', job);
		return;
	}

	const since = job.since === null ? undefined : Date.parse(job.since);
	for (const entityType of job.entity_types) {
		const records = context.state.erp
			.entitiesOf(job.connection_id, entityType)
			.all()
			.filter((entity) => since === undefined || Date.parse(entity.updated_at) >= since)
			.filter((entity) => matchesFilters(entity, job.filters));
		for (const entity of records) {
			if (entity.created_at === entity.updated_at) job.stats.created++;
			else job.stats.updated++;
		}
	}
	job.status = 'succeeded';
	context.emit?.('sync.job.succeeded', job);
}
