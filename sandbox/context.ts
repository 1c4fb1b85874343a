import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { AuthScheme } from './auth';
import type { SandboxRequest } from './http';
import type { RateLimiter } from './rateLimit';
import type { Router } from './router';
import type { SandboxState } from './state';

export interface SandboxOptions {
	port: number;
	host: string;
	/** Bearer API keys accepted, each acting as the sandbox account. */
	apiKeys: string[];
	/** Requests per second before 429; 0 turns rate limiting off. */
	rateLimit: number;
	seedCharges: number;
	/** One line per request goes here; pass a no-op to keep tests quiet. */
	log: (line: string) => void;
}

/**
 * Hooks that later capabilities plug into without touching the request pipeline: fault
 * injection wraps processing, webhooks listen to emitted events.
 */
export interface RequestInterceptor {
	/** Runs before auth; returning 'handled' means it already answered or dropped the connection. */
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
	interceptors: RequestInterceptor[];
	emit?: (eventType: string, object: object) => void;
	resolvePaymentMethod?: (
		id: string,
	) => { declined: boolean; paymentMethodId: string; details: Record<string, unknown> } | undefined;
}
