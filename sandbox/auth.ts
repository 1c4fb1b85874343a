import { ApiError, type SandboxRequest } from './http';

/**
 * One way of proving who the caller is. A scheme returns undefined when the request does not use
 * it at all, so the next scheme can look. It throws when the request uses it wrongly.
 */
export interface AuthScheme {
	name: string;
	authenticate(request: SandboxRequest): string | undefined;
}

export function bearerScheme(apiKeys: Map<string, string>): AuthScheme {
	return {
		name: 'bearer',
		authenticate(request) {
			const header = request.headers.authorization;
			if (!header?.startsWith('Bearer ')) return undefined;

			const accountId = apiKeys.get(header.slice('Bearer '.length).trim());
			return accountId;
		},
	};
}

export function authenticate(schemes: AuthScheme[], request: SandboxRequest): string {
	for (const scheme of schemes) {
		const accountId = scheme.authenticate(request);
		if (accountId) return accountId;
	}

	const sentSomething = Boolean(request.headers.authorization ?? request.headers['x-api-key']);
	throw new ApiError(
		401,
		'AUTHENTICATION_ERROR',
		sentSomething ? 'Invalid API credentials' : 'Missing API credentials',
	);
}
