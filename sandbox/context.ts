import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { AuthScheme } from './auth';
import type { OAuthClient, OAuthTokenStore } from './oauth';
import type { SandboxRequest } from './http';
import type { RateLimiter } from './rateLimit';
import type { Router } from './router';
import type { SandboxState } from './state';
import type { WebhookDispatcher, WebhookSigning } from './webhooks';

export interface SandboxOptions {
	port: number;
	host: string;
	/** Bearer API keys accepted, each acting as the sandbox account. */
	apiKeys: string[];
	/** Secret of every API key for HMAC request signing (X-API-Key, X-Timestamp, X-Signature). */
	apiSecret: string;
	/** Clients that may obtain access tokens with the client-credentials grant. */
	oauthClients: OAuthClient[];
	/** Lifetime of an issued access token in seconds; fractions are allowed. */
	tokenLifetimeSeconds: number;
	/** Seconds the sandbox clock runs ahead (negative: behind), to test clock tolerance. */
	clockSkewSeconds: number;
	/** Requests per second before 429; 0 turns rate limiting off. */
	rateLimit: number;
	seedCharges: number;
	/** Records of each standard entity type to create per ERP connection at start. */
	seedErpEntities: number;
	/** Milliseconds a sync job spends queued, and then running per entity type. */
	syncJobStepMs: number;
	/** One line per request goes here; pass a no-op to keep tests quiet. */
	log: (line: string) => void;
	/** Waits between webhook delivery attempts; its length is the number of retries. */
	webhookRetryDelaysMs?: number[];
	/** 'sdk-1.0' signs deliveries with the body-only X-Signature header instead. */
	webhookSigning?: WebhookSigning;
}

/**
 * Hooks that later capabilities plug into without touching the request pipeline: fault
 * injection wraps processing, webhooks listen to emitted events.
 */
export interface RequestInterceptor {
	/** Runs before auth. Returning 'handled' means it already responded or dropped the connection. */
	beforeProcessing?(
		request: SandboxRequest,
		socket: Socket,
		response: ServerResponse,
	): Promise<'handled' | void>;
	/** Runs after the handler committed its work, before the response is written. */
	afterCommit?(
		request: SandboxRequest,
		socket: Socket,
		response: ServerResponse,
	): Promise<'handled' | void>;
}

export interface SandboxContext {
	options: SandboxOptions;
	router: Router;
	state: SandboxState;
	rateLimiter: RateLimiter;
	authSchemes: AuthScheme[];
	oauthTokens?: OAuthTokenStore;
	interceptors: RequestInterceptor[];
	emit?: (eventType: string, object: object) => void;
	webhooks?: WebhookDispatcher;
	resolvePaymentMethod?: (
		id: string,
	) => { declined: boolean; paymentMethodId: string; details: Record<string, unknown> } | undefined;
}
