import { parseArgs } from 'node:util';

import { defaultSandboxOptions, startSandbox } from './server';

const usage = `Usage: npm run sandbox -- [options]

Starts the AITBC sandbox API on 127.0.0.1 and keeps it running until Ctrl+C.

Options:
  --port <n>         TCP port, 0 picks a free one (default ${defaultSandboxOptions.port})
  --api-key <key>    bearer API key to accept, may repeat (default ${defaultSandboxOptions.apiKeys[0]})
  --rate-limit <n>   requests per second before 429, 0 for no limit (default 0)
  --seed <n>         charges to create at start (default 0)
  --quiet            do not log one line per request
  --help             show this text
`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'api-key': { type: 'string', multiple: true },
			'rate-limit': { type: 'string' },
			seed: { type: 'string' },
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
		rateLimit: integerFlag('rate-limit', values['rate-limit'], 0),
		seedCharges: integerFlag('seed', values.seed, 0),
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

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
