import { parseArgs } from 'node:util';

import { DEFAULT_SLOW_MS, FAULT_KINDS, installFaults, type FaultKind } from './faults';
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
  --fault-rate <x>      share of API requests, 0 to 1, that get an injected fault (default 0)
  --fault-kinds <k>     comma-separated kinds to draw from (default all): ${FAULT_KINDS.join(', ')}
  --fault-seed <n>      seed of the fault sequence, for repeatable runs (default 1)
  --slow-ms <n>         delay of a slow response in milliseconds (default ${DEFAULT_SLOW_MS})
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
			'fault-rate': { type: 'string' },
			'fault-kinds': { type: 'string' },
			'fault-seed': { type: 'string' },
			'slow-ms': { type: 'string' },
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

	const faultRate = fractionFlag('fault-rate', values['fault-rate']);
	installFaults(sandbox.context, {
		rate: faultRate,
		kinds: faultKindsFlag(values['fault-kinds']),
		seed: integerFlag('fault-seed', values['fault-seed'], 1),
		slowMs: integerFlag('slow-ms', values['slow-ms'], DEFAULT_SLOW_MS),
	});

	process.stdout.write(`AITBC sandbox listening on ${sandbox.url} (API base ${sandbox.url}/v1)\n`);
	if (faultRate > 0) {
		process.stdout.write(`Injecting faults into ${faultRate * 100} % of API requests\n`);
	}
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

function fractionFlag(name: string, raw: string | undefined): number {
	if (raw === undefined) return 0;

	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0 || value > 1) {
		throw new Error(`--${name} must be a number from 0 to 1, got "${raw}"`);
	}
	return value;
}

function faultKindsFlag(raw: string | undefined): FaultKind[] | undefined {
	if (raw === undefined) return undefined;

	const kinds = raw.split(',').map((kind) => kind.trim());
	const unknown = kinds.filter((kind) => !FAULT_KINDS.includes(kind as FaultKind));
	if (unknown.length > 0) {
		throw new Error(
			`--fault-kinds has unknown kinds ${unknown.join(', ')}; use ${FAULT_KINDS.join(', ')}`,
		);
	}
	return kinds as FaultKind[];
}

function signingFlag(raw: string | undefined): WebhookSigning {
	if (raw === undefined || raw === 'aitbc' || raw === 'sdk-1.0') return raw ?? 'aitbc';
	throw new Error(`--webhook-signing must be aitbc or sdk-1.0, got "${raw}"`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
