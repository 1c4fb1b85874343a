import { randomBytes, timingSafeEqual } from 'node:crypto';

import type { AuthScheme } from './auth';
import type { SandboxContext } from './context';
import { ApiError, validationError, type SandboxRequest } from './http';

export interface OAuthClient {
	clientId: string;
	clientSecret: string;
}

interface IssuedToken {
	accountId: string;
	expiresAt: number;
}

/**
 * Access tokens of the client-credentials grant. Tokens live in memory; each one expires
 * `lifetimeSeconds` after it was issued, measured on the sandbox clock.
 */
export class OAuthTokenStore {
	private readonly tokens = new Map<string, IssuedToken>();

	constructor(
		private readonly lifetimeSeconds: number,
		private readonly now: () => number,
	) {}

	issue(accountId: string): { accessToken: string; expiresIn: number } {
		const accessToken = `at_${randomBytes(24).toString('hex')}`;
		this.tokens.set(accessToken, {
			accountId,
			expiresAt: this.now() + this.lifetimeSeconds * 1000,
		});
		return { accessToken, expiresIn: Math.max(0, Math.round(this.lifetimeSeconds)) };
	}

	/** Returns the account of a live token and throws TOKEN_EXPIRED for a known expired one. */
	lookup(accessToken: string): string | undefined {
		const token = this.tokens.get(accessToken);
		if (!token) return undefined;

		if (this.now() >= token.expiresAt) {
			throw new ApiError(401, 'TOKEN_EXPIRED', 'The access token has expired');
		}
		return token.accountId;
	}

	/** Makes every issued token expired, as if its lifetime had passed. */
	expireAll(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}
}

export function oauthBearerScheme(tokens: OAuthTokenStore): AuthScheme {
	return {
		name: 'oauth2',
		authenticate(request) {
			const header = request.headers.authorization;
			if (!header?.startsWith('Bearer ')) return undefined;

			return tokens.lookup(header.slice('Bearer '.length).trim());
		},
	};
}

/** `POST /v1/oauth/token`: the client-credentials grant with form-encoded fields. */
export function registerOAuthRoutes(
	context: SandboxContext,
	tokens: OAuthTokenStore,
	accountId: string,
): void {
	context.router.add(
		'POST',
		'/v1/oauth/token',
		(request) => {
			const form = request.body;
			if (form.grant_type !== 'client_credentials') {
				throw validationError('grant_type', 'grant_type must be client_credentials');
			}

			const { clientId, clientSecret } = clientCredentialsOf(request);
			const client = context.options.oauthClients.find(
				(candidate) => candidate.clientId === clientId,
			);
			if (!client || !sameSecret(client.clientSecret, clientSecret)) {
				throw new ApiError(401, 'AUTHENTICATION_ERROR', 'Invalid client credentials');
			}

			const issued = tokens.issue(accountId);
			return {
				body: {
					access_token: issued.accessToken,
					token_type: 'Bearer',
					expires_in: issued.expiresIn,
					scope: typeof form.scope === 'string' ? form.scope : '',
				},
				headers: { 'Cache-Control': 'no-store' },
			};
		},
		{ public: true },
	);
}

/** Client id and secret from the form, or from HTTP Basic auth as RFC 6749 also allows. */
function clientCredentialsOf(request: SandboxRequest): { clientId: string; clientSecret: string } {
	const header = request.headers.authorization;
	if (header?.startsWith('Basic ')) {
		const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
		const separator = decoded.indexOf(':');
		return {
			clientId: decodeURIComponent(decoded.slice(0, separator)),
			clientSecret: decodeURIComponent(decoded.slice(separator + 1)),
		};
	}

	return {
		clientId: typeof request.body.client_id === 'string' ? request.body.client_id : '',
		clientSecret: typeof request.body.client_secret === 'string' ? request.body.client_secret : '',
	};
}

function sameSecret(expected: string, actual: string): boolean {
	const expectedBytes = Buffer.from(expected, 'utf8');
	const actualBytes = Buffer.from(actual, 'utf8');
	return expectedBytes.length === actualBytes.length && timingSafeEqual(expectedBytes, actualBytes);
}
