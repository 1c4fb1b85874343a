import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The bearer key every e2e sandbox accepts. */
export const E2E_API_KEY = 'sk_test_e2e_bearer';

export interface AuthFixture {
	/** Extra `npm run sandbox` flags so the sandbox accepts this credential. */
	sandboxArgs: string[];
	/** The credential's fields, as typed into n8n's credential form. */
	data(sandboxUrl: string): ICredentialDataDecryptedObject;
	/** A sandbox log line that only this credential causes, proof that n8n used it. */
	expectLogLine?: RegExp;
}

/**
 * One entry per credential type the package may ship. The e2e run uses an entry only when the
 * built package declares that credential type, so entries for types still being written are
 * harmless. A type that the node offers without an entry here fails the run.
 */
export const AUTH_FIXTURES: Record<string, AuthFixture> = {
	aitbcApi: {
		sandboxArgs: ['--api-key', E2E_API_KEY],
		data: (sandboxUrl) => ({
			baseUrl: sandboxUrl,
			apiKey: E2E_API_KEY,
			apiVersion: 'v1',
			tenantId: 'tenant_e2e',
			enterpriseId: '',
		}),
	},

	aitbcOAuth2Api: {
		sandboxArgs: ['--client-id', 'e2e_client', '--client-secret', 'e2e_client_secret'],
		data: (sandboxUrl) => ({
			baseUrl: sandboxUrl,
			apiVersion: 'v1',
			clientId: 'e2e_client',
			clientSecret: 'e2e_client_secret',
			scope: '',
		}),
		expectLogLine: / POST \/v1\/oauth\/token 200 /,
	},

	// The sandbox checks HMAC signatures with one secret for every API key it accepts.
	aitbcHmacApi: {
		sandboxArgs: ['--api-secret', 'e2e_hmac_secret'],
		data: (sandboxUrl) => ({
			baseUrl: sandboxUrl,
			apiVersion: 'v1',
			apiKey: E2E_API_KEY,
			apiSecret: 'e2e_hmac_secret',
			signingScheme: 'v2',
		}),
	},
};

/** Sandbox paths to read one object back, by id prefix (API contract, "Ids carry a type prefix"). */
export const OBJECT_PATHS: Record<string, string> = {
	ch_: '/v1/payments/charges/',
	re_: '/v1/payments/refunds/',
	pm_: '/v1/payments/payment_methods/',
	sub_: '/v1/payments/subscriptions/',
	job_: '/v1/sync/jobs/',
	we_: '/v1/webhooks/',
};

/** Sandbox list paths by the node's Resource value, to compare Get Many output with. */
export const LIST_PATHS: Record<string, string> = {
	charge: '/v1/payments/charges',
	refund: '/v1/payments/refunds',
	paymentMethod: '/v1/payments/payment_methods',
	subscription: '/v1/payments/subscriptions',
	syncJob: '/v1/sync/jobs',
	webhook: '/v1/webhooks',
};
