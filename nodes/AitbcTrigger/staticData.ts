import type { IDataObject, WorkflowExecuteMode } from 'n8n-workflow';

/** Maximum number of accepted event ids kept to drop redelivered events. */
export const RECENT_EVENT_LIMIT = 200;

/**
 * Trigger state kept in the node's static data between activations. The secret is stored here
 * because n8n offers no other per-node store that survives restarts, and it never reaches an item.
 */
export interface TriggerStaticData extends IDataObject {
	webhookId?: string;
	webhookSecret?: string;
	webhookUrl?: string;
	recentEventIds?: string[];
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
 * Records an accepted event id and reports whether it is new. The list is bounded, oldest out
 * first, so a redelivery older than the last RECENT_EVENT_LIMIT events starts a second run.
 */
export function rememberEvent(data: TriggerStaticData, eventId: string): boolean {
	const recent = data.recentEventIds ?? [];
	if (recent.includes(eventId)) return false;

	recent.push(eventId);
	if (recent.length > RECENT_EVENT_LIMIT) recent.splice(0, recent.length - RECENT_EVENT_LIMIT);
	data.recentEventIds = recent;
	return true;
}

export function forgetEndpoint(data: TriggerStaticData): void {
	delete data.webhookId;
	delete data.webhookSecret;
	delete data.webhookUrl;
}
