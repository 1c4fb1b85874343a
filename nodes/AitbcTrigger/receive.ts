import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { matchesEvents } from './events';
import { registrationData, rememberEvent } from './staticData';
import { verifyDelivery } from './verify';

export const DEFAULT_TOLERANCE_SECONDS = 300;
const REJECTION_WARNING_INTERVAL_MS = 60_000;

/** Time of the last rejection warning per workflow and node, in Unix milliseconds. */
const lastRejectionWarning = new Map<string, number>();

interface TriggerOptions {
	toleranceSeconds?: number;
	acceptBodyOnlySignatures?: boolean;
	output?: 'event' | 'object';
}

interface AitbcEvent extends IDataObject {
	id: string;
	type: string;
	data?: { object?: IDataObject };
}

/** Reads the tolerance. An expression can yield any value, so a non-positive one means the default. */
function toleranceOf(options: TriggerOptions): number {
	const tolerance = Number(options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
	return Number.isFinite(tolerance) && tolerance > 0 ? tolerance : DEFAULT_TOLERANCE_SECONDS;
}

/**
 * Logs a rejected delivery as a warning at most once a minute per trigger node, and as debug
 * otherwise, so a flood of forged requests cannot flood the log.
 */
function logRejection(context: IWebhookFunctions, message: string, meta: IDataObject): void {
	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().name}`;
	const now = Date.now();
	const last = lastRejectionWarning.get(key);

	if (last !== undefined && now - last < REJECTION_WARNING_INTERVAL_MS) {
		context.logger.debug(message, meta);
		return;
	}
	lastRejectionWarning.set(key, now);
	context.logger.warn(message, meta);
}

/** Sends the response itself, so n8n sends nothing else and starts no execution. */
function respond(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function isJsonObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseEvent(rawBody: Buffer, objectOnly: boolean): AitbcEvent | string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return 'the body is not valid JSON';
	}

	if (!isJsonObject(parsed)) return 'the body is not a JSON object';
	const event = parsed as AitbcEvent;
	if (typeof event.id !== 'string' || event.id === '') return 'the event has no id';
	if (typeof event.type !== 'string' || event.type === '') return 'the event has no type';

	// Output "Object Only" emits data.object as the item, so it must be an object when present.
	const object = isJsonObject(event.data) ? event.data.object : undefined;
	if (objectOnly && object !== undefined && object !== null && !isJsonObject(object)) {
		return 'data.object is not a JSON object';
	}
	return event;
}

/**
 * Handles one delivery. The signature is checked against the raw bytes before the body is
 * parsed or anything is stored, so a forged, stale or unsigned request changes nothing.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const data = registrationData(this.getWorkflowStaticData('node'), this.getMode());
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const rawBody = (request as { rawBody?: unknown }).rawBody;
	const claimedEventId = request.headers['x-aitbc-event-id'];

	const nowSeconds = Math.floor(Date.now() / 1000);
	const toleranceSeconds = toleranceOf(options);
	const verification = verifyDelivery({
		rawBody,
		headers: request.headers,
		secret: data.webhookSecret,
		toleranceSeconds,
		acceptBodyOnlySignatures: options.acceptBodyOnlySignatures === true,
		nowSeconds,
	});
	if (!verification.valid) {
		logRejection(this, `AITBC Trigger rejected a delivery: ${verification.reason}`, {
			claimedEventId,
			webhookId: data.webhookId,
		});
		return respond(this, 401, { error: 'Webhook signature verification failed' });
	}

	const event = parseEvent(rawBody as Buffer, options.output === 'object');
	if (typeof event === 'string') {
		logRejection(this, `AITBC Trigger rejected a signed delivery: ${event}`, { claimedEventId });
		return respond(this, 400, { error: `Invalid event: ${event}` });
	}

	// A signature stays acceptable until its timestamp is older than the tolerance, so its event
	// id is kept at least that long. SDK 1.0 signatures have no timestamp, so the arrival time counts.
	const signedAt = verification.timestamp ?? nowSeconds;

	// NOTE: n8n loads static data per request and saves it after the webhook returns, so two
	// copies of one event arriving at the same moment can both start a run.
	if (!rememberEvent(data, event.id, signedAt, nowSeconds - toleranceSeconds)) {
		this.logger.debug('AITBC Trigger ignored a redelivered event', { eventId: event.id });
		return { webhookResponse: { received: true, duplicate: true } };
	}

	const events = this.getNodeParameter('events', []) as string[];
	if (!matchesEvents(events, event.type)) {
		return { webhookResponse: { received: true, ignored: true } };
	}

	// Items are built here rather than with helpers.returnJsonArray, which takes an object with a
	// `json` key for a whole item: an ERP record with a field named "json" would become that item.
	const json = options.output === 'object' ? (event.data?.object ?? {}) : event;
	return { workflowData: [[{ json }]] };
}
