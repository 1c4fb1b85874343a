import type { IDataObject, WorkflowExecuteMode } from 'n8n-workflow';

/** Accepted event ids always kept to drop redelivered events, whatever their age. */
export const RECENT_EVENT_LIMIT = 200;

/**
 * Maximum number of accepted event ids kept in all. Beyond RECENT_EVENT_LIMIT, ids are kept up to
 * this bound while their signature timestamp is within the tolerance. Otherwise a captured delivery
 * could be replayed, while its timestamp is still accepted, once 200 other events came after it.
 */
export const MAX_RECENT_EVENTS = 2_000;

/**
 * Trigger state kept in the node's static data between activations. The secret is stored here
 * because n8n offers no other per-node store that survives restarts, and it never reaches an item.
 */
export interface TriggerStaticData extends IDataObject {
	webhookId?: string;
	webhookSecret?: string;
	webhookUrl?: string;
	recentEventIds?: string[];
	/** Newest signature timestamp in Unix seconds seen for the id at the same index. */
	recentEventTimes?: number[];
}

/**
 * Returns the static data of the registration for this mode. n8n runs "Listen for test event"
 * in 'manual' mode on a separate test URL, so the test registration keeps its own id and secret
 * and never replaces or deletes the production endpoint.
 */
export function registrationData(
	nodeData: IDataObject,
	mode: WorkflowExecuteMode,
): TriggerStaticData {
	if (mode !== 'manual') return nodeData as TriggerStaticData;

	if (typeof nodeData.test !== 'object' || nodeData.test === null || Array.isArray(nodeData.test)) {
		nodeData.test = {};
	}
	return nodeData.test as TriggerStaticData;
}

/**
 * Records an accepted event id with its signature timestamp and reports whether the id is new.
 * The oldest ids are dropped beyond RECENT_EVENT_LIMIT, but only once their timestamp is older
 * than `keepSince`, the oldest timestamp the signature check still accepts. MAX_RECENT_EVENTS
 * bounds the list regardless. A redelivery of the same id raises the stored timestamp, because
 * that copy can be replayed until its own timestamp ages out.
 */
export function rememberEvent(
	data: TriggerStaticData,
	eventId: string,
	signedAt = 0,
	keepSince = Number.POSITIVE_INFINITY,
): boolean {
	const ids = data.recentEventIds ?? [];
	// Read through the static-data proxy once: per element it cost more than the HMAC check.
	const storedTimes = data.recentEventTimes ?? [];
	// Lists stored before timestamps were recorded count as old.
	const times =
		storedTimes.length === ids.length
			? storedTimes
			: ids.map((_, index) => storedTimes[index] ?? 0);

	const known = ids.indexOf(eventId);
	if (known !== -1) {
		times[known] = Math.max(times[known], signedAt);
		data.recentEventTimes = times;
		return false;
	}

	ids.push(eventId);
	times.push(signedAt);
	let drop = 0;
	while (
		ids.length - drop > RECENT_EVENT_LIMIT &&
		(ids.length - drop > MAX_RECENT_EVENTS || times[drop] < keepSince)
	) {
		drop++;
	}
	ids.splice(0, drop);
	times.splice(0, drop);

	data.recentEventIds = ids;
	data.recentEventTimes = times;
	return true;
}

/** Drops the recorded event ids, for example when the endpoint is deleted. */
export function forgetEvents(data: TriggerStaticData): void {
	delete data.recentEventIds;
	delete data.recentEventTimes;
}

export function forgetEndpoint(data: TriggerStaticData): void {
	delete data.webhookId;
	delete data.webhookSecret;
	delete data.webhookUrl;
}
