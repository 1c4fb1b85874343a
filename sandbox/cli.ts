import { parseArgs } from 'node:util';

import { defaultSandboxOptions, startSandbox } from './server';
import type { WebhookSigning } from './webhooks';

const usage = `Usage: npm run sandbox -- [options]

Starts the AITBC sandbox API on 127.0.0.1 and keeps it running until Ctrl+C.

Options:
  --port <n>            TCP port, 0 picks a free one (default ${defaultSandboxOptions.port})
  --api-key <key>       bearer API key to accept, may repeat (default ${defaultSandboxOptions.apiKeys[0]})
  --api-secret <s>      secret of every API key for HMAC signing (default ${defaultSandboxOptions.apiSecret})
  --client-id <id>      OAuth2 client ID for the client-credentials grant (default ${defaultSandboxOptions.oauthClients[0].clientId})
  --client-secret <s>   OAuth2 client secret (default ${defaultSandboxOptions.oauthClients[0].clientSecret})
  --token-lifetime <s>  seconds an access token stays valid (default ${defaultSandboxOptions.tokenLifetimeSeconds})
  --clock-skew <s>      seconds the sandbox clock runs ahead, negative for behind (default 0)
  --rate-limit <n>      requests per second before 429, 0 for no limit (default 0)
  --seed <n>            charges to create at start (default 0)
  --seed-erp <n>        records of each ERP entity type per connection (default 0)
  --webhook-signing <aitbc|sdk-1.0>
                        signature header on webhook deliveries (default aitbc)
  --quiet               do not log one line per request
  --help                show this text
`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'api-key': { type: 'string', multiple: true },
			'api-secret': { type: 'string' },
			'client-id': { type: 'string' },
			'client-secret': { type: 'string' },
			'token-lifetime': { type: 'string' },
			'clock-skew': { type: 'string' },
			'rate-limit': { type: 'string' },
			seed: { type: 'string' },
			'seed-erp': { type: 'string' },
			'webhook-signing': { type: 'string' },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});

	if (values.help) {
		process.stdout.write(usage);
		return;
	}

	const sandbox = await startSandbox({
		port: integerFlag('port', values.port, defaultSandboxOptions.port),
		apiKeys: values['api-key'] ?? defaultSandboxOptions.apiKeys,
		apiSecret: values['api-secret'] ?? defaultSandboxOptions.apiSecret,
		oauthClients: [
			{
				clientId: values['client-id'] ?? defaultSandboxOptions.oauthClients[0].clientId,
				clientSecret: values['client-secret'] ?? defaultSandboxOptions.oauthClients[0].clientSecret,
			},
		],
		tokenLifetimeSeconds: numberFlag(
			'token-lifetime',
			values['token-lifetime'],
			defaultSandboxOptions.tokenLifetimeSeconds,
		),
		clockSkewSeconds: numberFlag('clock-skew', values['clock-skew'], 0, { allowNegative: true }),
		rateLimit: integerFlag('rate-limit', values['rate-limit'], 0),
		seedCharges: integerFlag('seed', values.seed, 0),
		seedErpEntities: integerFlag('seed-erp', values['seed-erp'], 0),
		webhookSigning: signingFlag(values['webhook-signing']),
		log: values.quiet ? () => {} : defaultSandboxOptions.log,
	});

	process.stdout.write(`AITBC sandbox listening on ${sandbox.url} (API base ${sandbox.url}/v1)\n`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

function integerFlag(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined) return fallback;

	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`--${name} must be a whole number of 0 or more, got "${raw}"`);
	}
	return value;
}

function numberFlag(
	name: string,
	raw: string | undefined,
	fallback: number,
	{ allowNegative = false } = {},
): number {
	if (raw === undefined) return fallback;

	const value = Number(raw);
	if (!Number.isFinite(value) || (!allowNegative && value < 0)) {
		const range = allowNegative ? 'a number' : 'a number of 0 or more';
		throw new Error(`--${name} must be ${range} of seconds, got "${raw}"`);
	}
	return value;
}

function signingFlag(raw: string | undefined): WebhookSigning {
	if (raw === undefined || raw === 'aitbc' || raw === 'sdk-1.0') return raw ?? 'aitbc';
	throw new Error(`--webhook-signing must be aitbc or sdk-1.0, got "${raw}"`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
