import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { authenticate, bearerScheme } from './auth';
import type { SandboxContext, SandboxOptions } from './context';
import {
	ApiError,
	errorEnvelope,
	newId,
	parseJsonBody,
	readBody,
	sendJson,
	type RouteResult,
	type SandboxRequest,
} from './http';
import { hmacScheme } from './hmac';
import { OAuthTokenStore, oauthBearerScheme, registerOAuthRoutes } from './oauth';
import { RateLimiter } from './rateLimit';
import { Router } from './router';
import { seedConnections, seedErpEntities } from './erpRecords';
import { registerChargeRoutes, seedCharges } from './routes/charges';
import { registerEchoRoutes } from './routes/echo';
import { registerErpRoutes } from './routes/erp';
import { registerPaymentMethodRoutes } from './routes/paymentMethods';
import { registerRefundRoutes } from './routes/refunds';
import { registerSubscriptionRoutes } from './routes/subscriptions';
import { registerSyncRoutes } from './routes/sync';
import { registerSystemRoutes } from './routes/system';
import { registerWebhookRoutes } from './routes/webhooks';
import { SandboxState } from './state';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const SANDBOX_ACCOUNT_ID = 'acct_sandbox';

export const defaultSandboxOptions: SandboxOptions = {
	port: 4010,
	host: '127.0.0.1',
	apiKeys: ['sk_test_sandbox'],
	apiSecret: 'sandbox_api_secret',
	oauthClients: [{ clientId: 'sandbox_client', clientSecret: 'sandbox_client_secret' }],
	tokenLifetimeSeconds: 3600,
	clockSkewSeconds: 0,
	rateLimit: 0,
	seedCharges: 0,
	seedErpEntities: 0,
	syncJobStepMs: 250,
	log: (line) => process.stdout.write(`${line}\n`),
};

export interface Sandbox {
	url: string;
	port: number;
	context: SandboxContext;
	close(): Promise<void>;
}

export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<Sandbox> {
	const options: SandboxOptions = { ...defaultSandboxOptions, ...overrides };
	if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
		throw new Error(`The sandbox binds to loopback only, got host "${options.host}"`);
	}

	const state = new SandboxState();
	state.accounts.set(SANDBOX_ACCOUNT_ID, { id: SANDBOX_ACCOUNT_ID, name: 'AITBC Sandbox' });
	const apiKeys = new Map(options.apiKeys.map((key) => [key, SANDBOX_ACCOUNT_ID]));
	const apiSecrets = new Map(options.apiKeys.map((key) => [key, options.apiSecret]));
	const now = () => Date.now() + options.clockSkewSeconds * 1000;
	const oauthTokens = new OAuthTokenStore(options.tokenLifetimeSeconds, now);

	const context: SandboxContext = {
		options,
		router: new Router(),
		state,
		rateLimiter: new RateLimiter(options.rateLimit),
		authSchemes: [
			bearerScheme(apiKeys),
			oauthBearerScheme(oauthTokens),
			hmacScheme(apiSecrets, apiKeys, now),
		],
		oauthTokens,
		interceptors: [],
	};
	registerSystemRoutes(context);
	registerOAuthRoutes(context, oauthTokens, SANDBOX_ACCOUNT_ID);
	registerEchoRoutes(context);
	registerChargeRoutes(context);
	registerRefundRoutes(context);
	registerPaymentMethodRoutes(context);
	registerSubscriptionRoutes(context);
	seedCharges(context, options.seedCharges);
	registerErpRoutes(context);
	registerSyncRoutes(context);
	seedConnections(context);
	seedErpEntities(context, options.seedErpEntities);
	registerWebhookRoutes(context);

	const server = createServer((request, response) => {
		handle(context, request, response).catch((error: unknown) => {
			options.log(`sandbox: unhandled error ${String(error)}`);
			if (!response.headersSent) {
				sendJson(
					response,
					500,
					errorEnvelope(new ApiError(500, 'INTERNAL_ERROR', 'Internal error')),
				);
			}
		});
	});
	server.keepAliveTimeout = 5_000;

	await listen(server, options.port, options.host);
	const { port } = server.address() as AddressInfo;
	const url = `http://${options.host}:${port}`;

	return {
		url,
		port,
		context,
		close: () => {
			state.erp.stopTimers();
			context.webhooks?.stop();
			return closeServer(server);
		},
	};
}

async function handle(
	context: SandboxContext,
	incoming: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const started = process.hrtime.bigint();
	const url = new URL(incoming.url ?? '/', 'http://sandbox.local');
	const request: SandboxRequest = {
		method: incoming.method ?? 'GET',
		path: url.pathname,
		pathWithQuery: `${url.pathname}${url.search}`,
		target: incoming.url ?? '/',
		query: url.searchParams,
		headers: incoming.headers,
		rawBody: Buffer.alloc(0),
		body: {},
		params: {},
		requestId: newId('req'),
	};

	let result: RouteResult;
	let note = '';
	try {
		request.rawBody = await readBody(incoming, MAX_BODY_BYTES);

		for (const interceptor of context.interceptors) {
			if (
				(await interceptor.beforeProcessing?.(request, incoming.socket, response)) === 'handled'
			) {
				logRequest(context, request, 0, started, 'fault before processing');
				return;
			}
		}

		result = await processRequest(context, request);
		if (result.headers?.['Idempotent-Replayed'] === 'true') note = 'idempotent replay';

		for (const interceptor of context.interceptors) {
			if ((await interceptor.afterCommit?.(request, incoming.socket, response)) === 'handled') {
				logRequest(context, request, result.status ?? 200, started, 'fault after commit');
				return;
			}
		}
	} catch (error) {
		const apiError =
			error instanceof ApiError
				? error
				: new ApiError(500, 'INTERNAL_ERROR', `Internal error: ${String(error)}`);
		result = { status: apiError.status, body: errorEnvelope(apiError), headers: apiError.headers };
		note = apiError.code;
	}

	const status = result.status ?? 200;
	context.state.traffic.requests++;
	if (status === 429) context.state.traffic.rateLimited++;
	sendJson(response, status, result.body, { 'X-Request-Id': request.requestId, ...result.headers });
	logRequest(context, request, status, started, note);
}

/** Auth, rate limit, idempotency and the route itself, in the order the contract implies. */
async function processRequest(
	context: SandboxContext,
	request: SandboxRequest,
): Promise<RouteResult> {
	const match = context.router.match(request.method, request.path);
	if (match === undefined) {
		throw new ApiError(404, 'NOT_FOUND', `No route for ${request.method} ${request.path}`);
	}
	if (match === 'method-not-allowed') {
		throw new ApiError(
			405,
			'VALIDATION_ERROR',
			`${request.method} is not allowed on ${request.path}`,
		);
	}
	request.params = match.params;

	if (match.options.public) {
		request.body = parseJsonBody(request.rawBody, request.headers['content-type']);
		return await match.handler(request);
	}

	request.accountId = authenticate(context.authSchemes, request);
	const rateHeaders = context.rateLimiter.take();
	request.body = parseJsonBody(request.rawBody, request.headers['content-type']);

	const idempotencyKey = header(request, 'idempotency-key');
	if (request.method !== 'POST' || idempotencyKey === undefined) {
		const result = await match.handler(request);
		return { ...result, headers: { ...rateHeaders, ...result.headers } };
	}

	const decision = context.state.idempotency.begin(
		request.accountId,
		idempotencyKey,
		request.method,
		request.pathWithQuery,
		request.rawBody,
	);
	if (decision.kind === 'replay') {
		return {
			status: decision.status,
			body: decision.body,
			headers: { ...rateHeaders, 'Idempotent-Replayed': 'true' },
		};
	}

	try {
		const result = await match.handler(request);
		decision.complete(result.status ?? 200, result.body);
		return { ...result, headers: { ...rateHeaders, ...result.headers } };
	} catch (error) {
		// A 4xx outcome is final and replayed like a success; a 5xx leaves the key free to retry.
		if (error instanceof ApiError && error.status < 500) {
			decision.complete(error.status, errorEnvelope(error));
		} else {
			decision.abandon();
		}
		if (error instanceof ApiError) {
			Object.assign(error.headers, rateHeaders);
		}
		throw error;
	}
}

function header(request: SandboxRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function logRequest(
	context: SandboxContext,
	request: SandboxRequest,
	status: number,
	started: bigint,
	note: string,
): void {
	const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
	const parts = [
		new Date().toISOString(),
		request.method,
		request.pathWithQuery,
		String(status || '---'),
		`${elapsedMs.toFixed(1)}ms`,
		request.requestId,
	];
	if (note) parts.push(note);
	context.options.log(parts.join(' '));
}

function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function closeServer(server: Server): Promise<void> {
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}
