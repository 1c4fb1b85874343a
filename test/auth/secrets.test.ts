import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../harness/engine';
import {
	bearerCredentials,
	hmacCredentials,
	oauth2Credentials,
	startTestSandbox,
	TEST_API_KEY,
	TEST_API_SECRET,
	TEST_CLIENT_SECRET,
} from '../harness/sandbox';
import { aitbcWorkflow } from '../harness/workflows';
import { errorOf } from './helpers';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const WRONG_SECRET = 'wrong_secret_value_1234';

/** Everything a user or an operator can see: run data with items and errors, and the log. */
function visibleText(results: RunResult[], sandbox: TestSandbox): string[] {
	return [
		...results.map((result) => JSON.stringify(result.run)),
		...results.map((result) => `${errorOf(result).message} ${errorOf(result).description}`),
		...sandbox.requests,
	];
}

function accessTokensOf(results: RunResult[]): string[] {
	return results.flatMap((result) =>
		result.credentialsHelper.tokenUpdates.map(
			(update) => (update.oauthTokenData as { access_token: string }).access_token,
		),
	);
}

describe('secrets stay out of output, errors and logs', () => {
	let sandbox: TestSandbox;

	beforeEach(async () => {
		sandbox = await startTestSandbox();
	});

	afterEach(async () => {
		await sandbox.close();
	});

	async function runAll(
		authentication: string,
		credentials: Record<string, ICredentialDataDecryptedObject>,
	): Promise<RunResult[]> {
		const create = aitbcWorkflow({
			authentication,
			resource: 'charge',
			operation: 'create',
			amount: 700,
			currency: 'usd',
			source: 'tok_visa',
		});
		const list = aitbcWorkflow({
			authentication,
			resource: 'charge',
			operation: 'getAll',
			returnAll: true,
		});
		const continueOnFail = aitbcWorkflow(
			{ authentication, resource: 'charge', operation: 'getAll', returnAll: true },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		return [
			await runWorkflow(create, { credentials }),
			await runWorkflow(list, { credentials }),
			await runWorkflow(continueOnFail, { credentials }),
		];
	}

	test('API key', async () => {
		const results = [
			...(await runAll('apiKey', bearerCredentials(sandbox))),
			...(await runAll('apiKey', bearerCredentials(sandbox, WRONG_SECRET))),
		];

		expect(results[0].error).toBeUndefined();
		for (const text of visibleText(results, sandbox)) {
			expect(text).not.toContain(TEST_API_KEY);
			expect(text).not.toContain(WRONG_SECRET);
		}
	});

	test('HMAC', async () => {
		const results = [
			...(await runAll('hmac', hmacCredentials(sandbox))),
			...(await runAll('hmac', hmacCredentials(sandbox, { signingScheme: 'v1' }))),
			...(await runAll('hmac', hmacCredentials(sandbox, { apiSecret: WRONG_SECRET }))),
		];

		expect(results[0].error).toBeUndefined();
		for (const text of visibleText(results, sandbox)) {
			expect(text).not.toContain(TEST_API_SECRET);
			expect(text).not.toContain(WRONG_SECRET);
		}
	});

	test('OAuth2', async () => {
		const expiring = await startTestSandbox({ tokenLifetimeSeconds: 0 });
		let results: RunResult[] = [];
		try {
			results = [
				...(await runAll('oAuth2', oauth2Credentials(sandbox))),
				...(await runAll('oAuth2', oauth2Credentials(sandbox, { clientSecret: WRONG_SECRET }))),
				// Tokens that live 0 s make every request end in a renewal and TOKEN_EXPIRED.
				...(await runAll('oAuth2', oauth2Credentials(expiring))),
			];
		} finally {
			await expiring.close();
		}
		const accessTokens = accessTokensOf(results);

		expect(results[0].error).toBeUndefined();
		expect(accessTokens.length).toBeGreaterThanOrEqual(6);
		for (const text of [...visibleText(results, sandbox), ...expiring.requests]) {
			expect(text).not.toContain(TEST_CLIENT_SECRET);
			expect(text).not.toContain(WRONG_SECRET);
			for (const token of accessTokens) expect(text).not.toContain(token);
		}
	});
});
