import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeParameters,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import {
	createAdditionalData,
	credentialTypes,
	HarnessNodeTypes,
	nodeTypesByName,
	type WorkflowJson,
} from './engine';
import { HarnessCredentialsHelper } from './credentials';

export const TRIGGER_NODE = 'AITBC Trigger';
const TRIGGER_TYPE = 'n8n-nodes-aitbc.aitbcTrigger';

/** AITBC Trigger → NoOp, the smallest workflow an AITBC event can start. */
export function triggerWorkflow(
	parameters: INodeParameters,
	webhookId = randomUUID(),
): WorkflowJson {
	return {
		name: 'AITBC trigger test workflow',
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER_NODE,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: {
					aitbcApi: { id: 'cred-bearer', name: 'AITBC sandbox' },
					aitbcOAuth2Api: { id: 'cred-oauth', name: 'AITBC OAuth2' },
					aitbcHmacApi: { id: 'cred-hmac', name: 'AITBC HMAC' },
				},
			},
			{
				id: 'received',
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}

/**
 * One active workflow with an AITBC Trigger, as n8n's server keeps it: the Workflow object whose
 * static data persists across hook calls and deliveries, and the URLs n8n would register.
 */
export class TriggerRuntime {
	readonly workflow: Workflow;
	readonly credentialsHelper: HarnessCredentialsHelper;
	webhookBaseUrl = 'http://127.0.0.1:5678/webhook';
	webhookTestBaseUrl = 'http://127.0.0.1:5678/webhook-test';

	constructor(
		readonly json: WorkflowJson,
		credentials: Record<string, ICredentialDataDecryptedObject>,
		staticData: IDataObject = {},
	) {
		this.workflow = new Workflow({
			id: json.id ?? randomUUID(),
			name: json.name,
			nodes: json.nodes,
			connections: json.connections,
			active: true,
			nodeTypes: new HarnessNodeTypes(),
			staticData,
			settings: json.settings,
		});
		this.credentialsHelper = new HarnessCredentialsHelper(
			new Map(credentialTypes.map((type) => [type.name, type])),
			new Map(Object.entries(credentials)),
		);
	}

	get triggerNode(): INode {
		const node = Object.values(this.workflow.nodes).find(
			(candidate) => candidate.type === TRIGGER_TYPE,
		);
		if (!node) throw new Error('The workflow has no AITBC Trigger node');
		return node;
	}

	/** The trigger node's slice of static data: endpoint id, secret and recent event ids. */
	get nodeStaticData(): IDataObject {
		return this.workflow.getStaticData('node', this.triggerNode);
	}

	additionalData() {
		const workflowData = {
			...this.json,
			id: this.workflow.id,
			active: true,
		} as unknown as IWorkflowBase;
		return createAdditionalData('webhook', workflowData, this.credentialsHelper, {
			webhookBaseUrl: this.webhookBaseUrl,
			webhookTestBaseUrl: this.webhookTestBaseUrl,
		});
	}

	/** n8n's logger that node code writes to through `this.logger`, for spying in tests. */
	logger() {
		return new HookContext(
			this.workflow,
			this.triggerNode,
			this.additionalData(),
			'trigger',
			'activate',
		).logger;
	}

	/**
	 * Runs one of the node's webhook methods through n8n-core's HookContext. Activation mode
	 * 'manual' is "Listen for test event": n8n then runs the hooks in 'manual' mode on the test URL.
	 */
	async runHook(
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode = 'activate',
	): Promise<boolean> {
		const nodeType = nodeTypesByName[TRIGGER_TYPE];
		const hook = nodeType.webhookMethods?.default?.[method];
		if (!hook) throw new Error(`The AITBC Trigger has no webhook method "${method}"`);

		const isTest = activation === 'manual';
		const context = new HookContext(
			this.workflow,
			this.triggerNode,
			this.additionalData(),
			isTest ? 'manual' : 'trigger',
			activation,
			this.webhookData(isTest),
		);
		return await hook.call(context);
	}

	/** Activation as n8n does it: create the remote webhook unless checkExists finds it. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		if (await this.runHook('checkExists', activation)) return;
		await this.runHook('create', activation);
	}

	async deactivate(activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		return await this.runHook('delete', activation);
	}

	webhookData(isTest = false): IWebhookData {
		const nodeType = nodeTypesByName[TRIGGER_TYPE];
		const description = nodeType.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.triggerNode.name,
			path: `${this.triggerNode.webhookId}/${description.path as string}`,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			isTest,
		};
	}
}

export interface ReceivedDelivery {
	headers: IncomingMessage['headers'];
	status: number;
	body: string;
	result?: IWebhookResponseData;
	error?: Error;
}

export interface ListenerOptions {
	/** Number of requests to fail with 503 before the trigger sees any, so senders retry. */
	failFirst?: number;
	/** Leave `rawBody` off the request, as a server that keeps only parsed JSON would. */
	omitRawBody?: boolean;
}

export interface TriggerListener {
	url: string;
	/** One entry per HTTP request, in arrival order. */
	deliveries: ReceivedDelivery[];
	/** One entry per workflow execution the trigger started. */
	executions: IRun[];
	idle(): Promise<void>;
	close(): Promise<void>;
}

/**
 * Starts a 127.0.0.1 HTTP server in place of n8n's webhook server. It reads the raw body and runs the
 * trigger's `webhook()` through n8n-core's WebhookContext with the request and response. It
 * responds as n8n does: with the node's own response, the node's `webhookResponse`, or
 * "Workflow was started". When the node returned workflow data, WorkflowExecute runs the workflow.
 */
export async function startTriggerListener(
	runtime: TriggerRuntime,
	options: ListenerOptions = {},
): Promise<TriggerListener> {
	const deliveries: ReceivedDelivery[] = [];
	const executions: IRun[] = [];
	const running = new Set<Promise<void>>();
	let failuresLeft = options.failFirst ?? 0;

	const server = createServer((incoming, outgoing) => {
		if (failuresLeft > 0) {
			failuresLeft--;
			deliveries.push({ headers: incoming.headers, status: 503, body: '' });
			incoming.resume();
			outgoing.writeHead(503).end();
			return;
		}
		const work = handleDelivery(runtime, incoming, outgoing, deliveries, executions, options);
		running.add(work);
		void work.finally(() => running.delete(work));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}/webhook`;
	runtime.webhookBaseUrl = url;
	runtime.webhookTestBaseUrl = `http://127.0.0.1:${port}/webhook-test`;

	return {
		url,
		deliveries,
		executions,
		async idle() {
			while (running.size > 0) await Promise.all([...running]);
		},
		close: () => closeServer(server),
	};
}

async function handleDelivery(
	runtime: TriggerRuntime,
	incoming: IncomingMessage,
	outgoing: ServerResponse,
	deliveries: ReceivedDelivery[],
	executions: IRun[],
	options: ListenerOptions,
): Promise<void> {
	const rawBody = await readRawBody(incoming);
	const response = new ExpressLikeResponse(outgoing);
	const request = {
		method: incoming.method,
		url: incoming.url,
		headers: incoming.headers,
		query: {},
		params: {},
		body: parseLeniently(rawBody),
		rawBody: options.omitRawBody ? undefined : rawBody,
	};
	const record: ReceivedDelivery = { headers: incoming.headers, status: 0, body: '' };
	deliveries.push(record);

	// n8n serves test registrations under /webhook-test and runs them in 'manual' mode.
	const isTest = incoming.url?.startsWith('/webhook-test/') === true;
	const mode = isTest ? 'manual' : 'webhook';
	const additionalData = runtime.additionalData();
	Object.assign(additionalData, { httpRequest: request, httpResponse: response });
	const node = runtime.triggerNode;
	const context = new WebhookContext(
		runtime.workflow,
		node,
		additionalData,
		mode,
		runtime.webhookData(isTest),
		[],
		null,
	);

	let result: IWebhookResponseData;
	try {
		result = await nodeTypesByName[node.type].webhook!.call(context);
	} catch (error) {
		record.error = error as Error;
		response.status(500).json({ message: 'Error in workflow' });
		Object.assign(record, response.sent);
		return;
	}
	record.result = result;

	if (result.noWebhookResponse) {
		if (!response.finished) response.status(500).json({ message: 'The node sent no response' });
	} else if (result.workflowData === undefined) {
		response.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
	} else {
		response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
	}
	Object.assign(record, response.sent);

	if (result.workflowData !== undefined) {
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(runtime.workflow);
		executions.push(run);
	}
}

/** The part of express's Response that n8n nodes use to respond to a webhook themselves. */
class ExpressLikeResponse {
	private statusCode = 200;
	finished = false;
	sent = { status: 0, body: '' };

	constructor(private readonly outgoing: ServerResponse) {}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		return this.send(JSON.stringify(body), 'application/json; charset=utf-8');
	}

	send(body: string, contentType = 'text/plain; charset=utf-8'): this {
		if (this.finished) throw new Error('The webhook response was already sent');
		this.finished = true;
		this.sent = { status: this.statusCode, body };
		this.outgoing.writeHead(this.statusCode, {
			'Content-Type': contentType,
			'Content-Length': Buffer.byteLength(body),
		});
		this.outgoing.end(body);
		return this;
	}

	end(): this {
		if (!this.finished) this.send('');
		return this;
	}
}

function readRawBody(incoming: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => resolve(Buffer.concat(chunks)));
		incoming.on('error', reject);
	});
}

function parseLeniently(rawBody: Buffer): unknown {
	try {
		return JSON.parse(rawBody.toString('utf8'));
	} catch {
		return {};
	}
}

function closeServer(server: Server): Promise<void> {
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

/** Builds the raw bytes of a `charge.succeeded` event with a fresh id, as AITBC would send it. */
export function testEventBody(overrides: Record<string, unknown> = {}): Buffer {
	const event = {
		id: `evt_${randomBytes(8).toString('hex')}`,
		type: 'charge.succeeded',
		created_at: new Date().toISOString(),
		api_version: 'v1',
		data: { object: { id: 'ch_test', object: 'charge', amount: 1050, currency: 'eur' } },
		...overrides,
	};
	return Buffer.from(JSON.stringify(event), 'utf8');
}

/** Posts raw bytes to the listener and waits until the trigger and any execution are done. */
export async function postDelivery(
	listener: TriggerListener,
	body: Buffer,
	headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
	const response = await fetch(listener.url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body,
	});
	const text = await response.text();
	await listener.idle();
	return { status: response.status, text };
}

/** Returns the items that reached the node after the trigger, one list per execution. */
export function receivedItems(listener: TriggerListener) {
	return listener.executions.map(
		(run) => run.data.resultData.runData.Received?.[0]?.data?.main?.[0] ?? [],
	);
}
