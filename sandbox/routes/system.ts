import type { SandboxContext } from '../context';
import { objectEnvelope } from '../collection';

export const SANDBOX_VERSION = '1.0.0-sandbox';

export function registerSystemRoutes({ router, state }: SandboxContext): void {
	router.add('GET', '/v1/health', () => ({ body: { status: 'ok', version: SANDBOX_VERSION } }), {
		public: true,
	});

	router.add('GET', '/v1/account', (request) => {
		const account = state.accounts.get(request.accountId ?? '');
		return {
			body: objectEnvelope(
				{
					id: account?.id ?? request.accountId,
					name: account?.name ?? null,
					tenant_id: headerValue(request.headers['x-tenant-id']),
					enterprise_id: headerValue(request.headers['x-enterprise-id']),
				},
				request.requestId,
			),
		};
	});

	router.add(
		'GET',
		'/_sandbox/stats',
		() => ({
			body: {
				success: true,
				data: {
					created: state.created,
					idempotent_replays: state.idempotency.replays,
					charges: state.charges.size,
					requests: state.traffic.requests,
					rate_limited: state.traffic.rateLimited,
				},
			},
		}),
		{ public: true },
	);
}

function headerValue(value: string | string[] | undefined): string | null {
	if (Array.isArray(value)) return value[0] ?? null;
	return value ?? null;
}
