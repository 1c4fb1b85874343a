import { createHash } from 'node:crypto';

import type { SandboxContext } from '../context';

/**
 * `/_sandbox/echo` authenticates like any API route and returns what arrived: the request target,
 * the body bytes as text with their SHA-256, and the tenant headers. Tests use it to check that a
 * client signed exactly the bytes it sent.
 */
export function registerEchoRoutes({ router }: SandboxContext): void {
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
		router.add(method, '/_sandbox/echo', (request) => ({
			body: {
				success: true,
				data: {
					method: request.method,
					target: request.target,
					account_id: request.accountId ?? null,
					body_text: request.rawBody.toString('utf8'),
					body_sha256: createHash('sha256').update(request.rawBody).digest('hex'),
					content_type: request.headers['content-type'] ?? null,
					tenant_id: firstValue(request.headers['x-tenant-id']),
					enterprise_id: firstValue(request.headers['x-enterprise-id']),
				},
			},
		}));
	}
}

function firstValue(value: string | string[] | undefined): string | null {
	if (Array.isArray(value)) return value[0] ?? null;
	return value ?? null;
}
