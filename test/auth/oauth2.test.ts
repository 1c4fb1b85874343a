import { sleep, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { oauth2Credentials, requestsTo, startTestSandbox } from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';
import { errorOf } from './helpers';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const createCharge = {
	authentication: 'oAuth2',
	resource: 'charge',
	operation: 'create',
	amount: 990,
	currency: 'usd',
	source: 'tok_visa',
};

const listCharges = {
	authentication: 'oAuth2',
	resource: 'charge',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
};

function tokenRequests(sandbox: TestSandbox): string[] {
	return requestsTo(sandbox.requests, 'POST', '/v1/oauth/token');
}

describe('OAuth2 credential', () => {
	let sandbox: TestSandbox;

	afterEach(async () => {
		await sandbox.close();
	});

	test('creates and reads a charge with one token', async () => {
		sandbox = await startTestSandbox();
		const first = await runWorkflow(aitbcWorkflow(createCharge), {
			credentials: oauth2Credentials(sandbox),
		});
		expect(first.error).toBeUndefined();
		expect(first.output('AITBC')[0].json.amount).toBe(990);

		const stored = first.credentialsHelper.tokenUpdates.at(-1) as ICredentialDataDecryptedObject;
		const read = await runWorkflow(aitbcWorkflow(listCharges), {
			credentials: { aitbcOAuth2Api: stored },
		});

		expect(read.error).toBeUndefined();
		expect(read.output('AITBC').map((item) => item.json.id)).toEqual([
			first.output('AITBC')[0].json.id,
		]);

		const get = await runWorkflow(
			aitbcWorkflow({
				authentication: 'oAuth2',
				resource: 'charge',
				operation: 'get',
				chargeId: { __rl: true, mode: 'id', value: String(first.output('AITBC')[0].json.id) },
			}),
			{ credentials: { aitbcOAuth2Api: stored } },
		);
		expect(get.error).toBeUndefined();
		expect(get.output('AITBC')[0].json.amount).toBe(990);
		expect(tokenRequests(sandbox)).toHaveLength(1);
	});

	test('token request carries the scope', async () => {
		sandbox = await startTestSandbox();

		const result = await runWorkflow(aitbcWorkflow(listCharges), {
			credentials: oauth2Credentials(sandbox, { scope: 'payments erp' }),
		});

		expect(result.error).toBeUndefined();
		const tokenData = result.credentialsHelper.tokenUpdates[0].oauthTokenData as {
			scope: string;
			token_type: string;
		};
		expect(tokenData.scope).toBe('payments erp');
		expect(tokenData.token_type).toBe('Bearer');
	});

	test('token URL follows the base URL', async () => {
		sandbox = await startTestSandbox();
		const credentials = oauth2Credentials(sandbox);
		credentials.aitbcOAuth2Api.baseUrl = `${sandbox.url}/`;

		const result = await runWorkflow(aitbcWorkflow(listCharges), { credentials });

		expect(result.error).toBeUndefined();
		expect(result.credentialsHelper.tokenUpdates[0].accessTokenUrl).toBe(
			`${sandbox.url}/v1/oauth/token`,
		);
	});

	test('wrong client secret is a clear error', async () => {
		sandbox = await startTestSandbox();

		const result = await runWorkflow(aitbcWorkflow(createCharge), {
			credentials: oauth2Credentials(sandbox, { clientSecret: 'not-the-secret' }),
		});

		expect(errorOf(result).message).toContain('Invalid client credentials');
		expect(errorOf(result).description).toContain(
			'AUTHENTICATION_ERROR from the OAuth2 token endpoint',
		);
		expect(errorOf(result).description).toContain('Check the client ID, client secret');
		expect(tokenRequests(sandbox)).toHaveLength(1);
		expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges')).toHaveLength(0);
	});

	test('token expired between runs is renewed once', async () => {
		sandbox = await startTestSandbox({ tokenLifetimeSeconds: 0.5 });
		const first = await runWorkflow(aitbcWorkflow(listCharges), {
			credentials: oauth2Credentials(sandbox),
		});
		expect(first.error).toBeUndefined();
		const stored = first.credentialsHelper.tokenUpdates.at(-1) as ICredentialDataDecryptedObject;

		await sleep(600);
		const second = await runWorkflow(aitbcWorkflow(createCharge, [{}, {}]), {
			credentials: { aitbcOAuth2Api: stored },
		});

		expect(second.error).toBeUndefined();
		expect(second.output('AITBC')).toHaveLength(2);
		expect(tokenRequests(sandbox)).toHaveLength(2);
		expect(second.credentialsHelper.tokenUpdates).toHaveLength(1);
		// Both items are sent at once with the stale token; they share one renewal and retry once each.
		const expired = sandbox.requests.filter((line) => line.endsWith('TOKEN_EXPIRED'));
		expect(expired).toHaveLength(2);
		expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges')).toHaveLength(4);
		expect(sandbox.context.state.created.charge).toBe(2);
	});

	test('token expired mid-run is renewed once', async () => {
		sandbox = await startTestSandbox();
		const first = await runWorkflow(aitbcWorkflow(listCharges), {
			credentials: oauth2Credentials(sandbox),
		});
		const stored = first.credentialsHelper.tokenUpdates.at(-1) as ICredentialDataDecryptedObject;
		sandbox.context.oauthTokens?.expireAll();

		const second = await runWorkflow(aitbcWorkflow(createCharge, [{}, {}, {}]), {
			credentials: { aitbcOAuth2Api: stored },
		});

		expect(second.error).toBeUndefined();
		expect(second.output('AITBC')).toHaveLength(3);
		expect(tokenRequests(sandbox)).toHaveLength(2);
	});

	test('rejected new token is an error, not a loop', async () => {
		sandbox = await startTestSandbox({ tokenLifetimeSeconds: 0 });

		const result = await runWorkflow(aitbcWorkflow(createCharge), {
			credentials: oauth2Credentials(sandbox),
		});

		expect(errorOf(result).message).toBe('The access token has expired');
		expect(errorOf(result).description).toContain('TOKEN_EXPIRED (HTTP 401)');
		expect(errorOf(result).description).toContain('could not be renewed');
		// One token for the first try, one renewal, and no further attempts.
		expect(tokenRequests(sandbox)).toHaveLength(2);
		expect(requestsTo(sandbox.requests, 'POST', '/v1/payments/charges')).toHaveLength(2);
		expect(sandbox.context.state.created.charge ?? 0).toBe(0);
	});

	test('renewal with a revoked client is a clear error', async () => {
		sandbox = await startTestSandbox();
		const first = await runWorkflow(aitbcWorkflow(listCharges), {
			credentials: oauth2Credentials(sandbox),
		});
		const stored = first.credentialsHelper.tokenUpdates.at(-1) as ICredentialDataDecryptedObject;
		sandbox.context.oauthTokens?.expireAll();
		sandbox.context.options.oauthClients = [];

		const second = await runWorkflow(aitbcWorkflow(createCharge), {
			credentials: { aitbcOAuth2Api: stored },
		});

		expect(errorOf(second).message).toContain('Invalid client credentials');
		expect(errorOf(second).description).toContain(
			'AUTHENTICATION_ERROR from the OAuth2 token endpoint',
		);
		expect(tokenRequests(sandbox)).toHaveLength(2);
	});
});
