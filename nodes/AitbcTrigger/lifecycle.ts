import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { describeHttpFailure, isErrorEnvelope, toNodeError } from '../Aitbc/transport/errors';
import { collectPages, toPage } from '../Aitbc/transport/pagination';
import { aitbcApiRequest, unwrapData } from '../Aitbc/transport/request';
import { normalizeEvents } from './events';
import {
	forgetEndpoint,
	forgetEvents,
	registrationData,
	type TriggerStaticData,
} from './staticData';

interface WebhookEndpoint {
	id: string;
	url: string;
	events: string[];
	secret?: string;
}

function staticDataOf(context: IHookFunctions): TriggerStaticData {
	return registrationData(context.getWorkflowStaticData('node'), context.getMode());
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(context.getNode(), 'n8n returned no webhook URL for this node');
	return url;
}

function selectedEvents(context: IHookFunctions): string[] {
	return normalizeEvents(context.getNodeParameter('events', []) as string[]);
}

function sameEndpoint(endpoint: WebhookEndpoint, url: string, events: string[]): boolean {
	const remote = normalizeEvents(endpoint.events ?? []);
	return endpoint.url === url && remote.join(',') === events.join(',');
}

/**
 * Reports whether AITBC returned its own 404 error for the endpoint. A 404 without an AITBC error body
 * comes from a proxy or a wrong Base URL, so the endpoint may still exist and its id is kept.
 */
function isNotFound(error: unknown): boolean {
	const failure = describeHttpFailure(error);
	return failure.status === 404 && isErrorEnvelope(failure.body);
}

async function fetchEndpoint(
	context: IHookFunctions,
	id: string,
): Promise<WebhookEndpoint | undefined> {
	try {
		const { body } = await aitbcApiRequest.call(
			context,
			'GET',
			`/webhooks/${encodeURIComponent(id)}`,
		);
		return unwrapData(body) as unknown as WebhookEndpoint;
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw toNodeError(context.getNode(), error, 0);
	}
}

async function listEndpoints(context: IHookFunctions): Promise<WebhookEndpoint[]> {
	try {
		const records = await collectPages(
			async (page) => {
				const qs: IDataObject = { limit: page.limit };
				if (page.startingAfter !== undefined) qs.starting_after = page.startingAfter;
				const { body } = await aitbcApiRequest.call(context, 'GET', '/webhooks', undefined, qs);
				return toPage(body);
			},
			{ mode: 'cursor' },
		);
		return records as unknown as WebhookEndpoint[];
	} catch (error) {
		throw toNodeError(context.getNode(), error, 0);
	}
}

/** Deletes a remote endpoint. An endpoint that is already gone counts as deleted. */
async function deleteEndpoint(context: IHookFunctions, id: string): Promise<void> {
	try {
		await aitbcApiRequest.call(context, 'DELETE', `/webhooks/${encodeURIComponent(id)}`);
	} catch (error) {
		if (isNotFound(error)) return;
		throw toNodeError(context.getNode(), error, 0);
	}
}

/**
 * Reports whether AITBC already has this node's endpoint with the current URL and events.
 * Endpoints for the same URL that this node cannot verify (their secret is unknown) or that
 * listen to other events are deleted, so `create` leaves exactly one endpoint per URL.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const url = webhookUrlOf(this);
	const events = selectedEvents(this);

	if (data.webhookId) {
		const endpoint = await fetchEndpoint(this, data.webhookId);
		if (endpoint && data.webhookSecret && sameEndpoint(endpoint, url, events)) return true;

		if (endpoint) await deleteEndpoint(this, endpoint.id);
		forgetEndpoint(data);
	}

	for (const endpoint of await listEndpoints(this)) {
		if (endpoint.url === url) await deleteEndpoint(this, endpoint.id);
	}
	return false;
}

/** Registers the webhook URL and stores the endpoint id and its secret, returned only here. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const url = webhookUrlOf(this);
	const events = selectedEvents(this);
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No event types are selected', {
			description: 'Choose at least one event in "Events", or "*" for all of them.',
		});
	}

	const workflow = this.getWorkflow();
	const body: IDataObject = {
		url,
		events,
		description: `n8n workflow ${workflow.id ?? ''}, node ${this.getNode().name}`,
	};

	let endpoint: WebhookEndpoint;
	try {
		const response = await aitbcApiRequest.call(this, 'POST', '/webhooks', body);
		endpoint = unwrapData(response.body) as unknown as WebhookEndpoint;
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}

	if (!endpoint.id || !endpoint.secret) {
		throw new NodeOperationError(
			this.getNode(),
			'AITBC created the webhook endpoint without an id or secret',
			{
				description: 'Deliveries could not be verified, so the trigger was not activated.',
			},
		);
	}

	data.webhookId = endpoint.id;
	data.webhookSecret = endpoint.secret;
	data.webhookUrl = url;
	return true;
}

/**
 * Removes the remote endpoint. When AITBC cannot be reached or rejects the request, the id and secret stay
 * in static data so the next deactivation or activation can finish the cleanup.
 */
export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	if (!data.webhookId) return true;

	try {
		await deleteEndpoint(this, data.webhookId);
	} catch (error) {
		this.logger.warn(
			'AITBC Trigger failed to delete its webhook endpoint, so it keeps the id for the next try',
			{
				webhookId: data.webhookId,
				error: (error as Error).message,
			},
		);
		return false;
	}

	forgetEndpoint(data);
	forgetEvents(data);
	return true;
}
