import type { ICredentialDataDecryptedObject, INode, INodeParameters } from 'n8n-workflow';

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

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;
type Fault = 'drop' | 'html';

const CARD_NUMBER = '4242424242424242';
const CVC = '9731';

/** Collects every string reachable from a value, including non-enumerable properties such as `cause`. */
function reachableStrings(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (value === null || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);

	const strings: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		let property: unknown;
		try {
			property = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		strings.push(...reachableStrings(property, seen));
	}
	return strings;
}

function accessTokensOf(result: RunResult): string[] {
	return result.credentialsHelper.tokenUpdates.map(
		(update) => (update.oauthTokenData as { access_token: string }).access_token,
	);
}

const paymentMethodCreate: INodeParameters = {
	resource: 'paymentMethod',
	operation: 'create',
	type: 'card',
	cardNumber: '={{ $json.cardNumber }}',
	expMonth: 12,
	expYear: 2030,
	cvc: '={{ $json.cvc }}',
};

describe('errors without an AITBC body', () => {
	let sandbox: TestSandbox;
	let fault: Fault;

	beforeAll(async () => {
		sandbox = await startTestSandbox();
		sandbox.context.interceptors.push({
			async beforeProcessing(request, socket) {
				if (request.path === '/v1/oauth/token') return;
				if (fault === 'drop') {
					socket.destroy();
				} else {
					const body = '<html>Bad gateway</html>';
					socket.end(
						`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
					);
				}
				return 'handled';
			},
		});
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const cases: Array<[string, string, () => Record<string, ICredentialDataDecryptedObject>]> = [
		['API key', 'apiKey', () => bearerCredentials(sandbox)],
		['HMAC', 'hmac', () => hmacCredentials(sandbox)],
		['OAuth2', 'oAuth2', () => oauth2Credentials(sandbox)],
	];

	describe.each(cases)('%s', (_name, authentication, credentials) => {
		async function run(settings: Partial<INode>): Promise<RunResult> {
			return await runWorkflow(
				aitbcWorkflow(
					{ authentication, ...paymentMethodCreate },
					[{ cardNumber: CARD_NUMBER, cvc: CVC }],
					settings,
				),
				{ credentials: credentials() },
			);
		}

		test.each<[Fault, string]>([
			['drop', 'AITBC request failed: ECONNRESET'],
			['html', 'AITBC request failed with HTTP 502'],
		])('%s keeps secrets out of the error item', async (kind, message) => {
			fault = kind;

			const result = await run({ continueOnFail: true });

			const [item] = result.output('AITBC');
			expect(item.json).toEqual({ error: message });
			expect(item.error?.message).toBe(message);
			const secrets = [TEST_API_KEY, TEST_API_SECRET, TEST_CLIENT_SECRET, CARD_NUMBER, CVC];
			secrets.push(...accessTokensOf(result));
			const strings = reachableStrings(item.error);
			for (const secret of secrets) {
				expect(strings.filter((text) => text.includes(secret))).toEqual([]);
			}
		});

		test('thrown error keeps secrets out too', async () => {
			fault = 'drop';

			const result = await run({});

			expect(result.error?.message).toBe('AITBC request failed: ECONNRESET');
			const strings = reachableStrings(result.error);
			for (const secret of [TEST_API_KEY, CARD_NUMBER, CVC, ...accessTokensOf(result)]) {
				expect(strings.filter((text) => text.includes(secret))).toEqual([]);
			}
		});
	});
});
