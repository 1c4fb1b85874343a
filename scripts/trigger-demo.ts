import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { runWorkflow, type WorkflowJson } from '../test/harness/engine';
import {
	startTriggerListener,
	TriggerRuntime,
	type TriggerListener,
} from '../test/harness/trigger';
import { aitbcWorkflow } from '../test/harness/workflows';

const API_KEY = 'sk_test_demo';
const EXAMPLE = 'charge-succeeded-trigger.workflow.json';

/** Finds the example from scripts/ (tests import the source) or build/scripts/ (npm script). */
function examplePath(): string {
	const candidates = [
		join(__dirname, '..', 'examples', EXAMPLE),
		join(__dirname, '..', '..', 'examples', EXAMPLE),
	];
	return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0];
}

/**
 * Shows the AITBC Trigger receiving a real signed delivery. It starts the sandbox and a webhook
 * listener that runs the trigger through n8n-core, and activates the example workflow, which
 * registers its URL with the sandbox. It then creates a charge and prints the verified delivery
 * and what the workflow made of it. A forged delivery is sent as well, to show the 401.
 * Returns the exit code: 0 when exactly one execution ran and the forgery was rejected.
 */
export async function runTriggerDemo(write: (text: string) => void): Promise<number> {
	const workflow = JSON.parse(readFileSync(examplePath(), 'utf8')) as WorkflowJson;
	const sandboxLog: string[] = [];
	const sandbox = await startSandbox({
		port: 0,
		apiKeys: [API_KEY],
		log: (line) => sandboxLog.push(line),
	});
	const credentials = {
		aitbcApi: {
			baseUrl: sandbox.url,
			apiKey: API_KEY,
			apiVersion: 'v1',
			tenantId: '',
			enterpriseId: '',
		},
	};
	const runtime = new TriggerRuntime(workflow, credentials);
	let listener: TriggerListener | undefined;

	try {
		listener = await startTriggerListener(runtime);
		write(`AITBC sandbox on ${sandbox.url}, n8n webhook listener on ${listener.url}\n`);

		await runtime.activate();
		const endpointId = runtime.nodeStaticData.webhookId as string;
		write(`Activated "${workflow.name}": endpoint ${endpointId} listens for charge.succeeded\n`);

		const created = await runWorkflow(
			aitbcWorkflow({
				resource: 'charge',
				operation: 'create',
				amount: 4200,
				currency: 'EUR',
				source: 'tok_visa',
				additionalFields: { description: 'Order A-2001', metadata: '{"order": "A-2001"}' },
			}),
			{ credentials },
		);
		if (created.error) throw created.error;
		write(`Created charge ${String(created.output('AITBC')[0].json.id)} with the AITBC node\n\n`);

		await sandbox.context.webhooks!.idle();
		await listener.idle();

		const [delivery] = listener.deliveries;
		if (!delivery) {
			write('The sandbox sent no delivery\n');
			return 1;
		}
		write('Delivery received:\n');
		write(`  X-AITBC-Event-Id:  ${String(delivery.headers['x-aitbc-event-id'])}\n`);
		write(`  X-AITBC-Signature: ${String(delivery.headers['x-aitbc-signature'])}\n`);
		write(`  answered:          ${delivery.status} ${delivery.body}\n\n`);

		const forged = await fetch(listener.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-AITBC-Signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
			},
			body: JSON.stringify({ id: 'evt_forged', type: 'charge.succeeded', data: { object: {} } }),
		});
		await listener.idle();
		write(`A forged delivery was answered ${forged.status} and started no execution\n\n`);

		const outputs = listener.executions.map((run) => run.data.resultData.runData['Paid Order']);
		const items = outputs.flatMap((tasks) => tasks?.[0]?.data?.main?.[0] ?? []);
		write(`Executions started: ${listener.executions.length}\n`);
		for (const item of items) write(`Paid Order output: ${JSON.stringify(item.json)}\n`);

		write('\nSandbox webhook attempts:\n');
		for (const line of sandboxLog.filter((entry) => entry.includes(' WEBHOOK ')))
			write(`  ${line}\n`);

		const deactivated = await runtime.deactivate();
		write(`\nDeactivated: ${deactivated ? 'endpoint deleted' : 'endpoint delete failed'}\n`);

		return listener.executions.length === 1 && forged.status === 401 && deactivated ? 0 : 1;
	} finally {
		await listener?.close();
		await sandbox.close();
	}
}

if (require.main === module) {
	runTriggerDemo((text) => process.stdout.write(text)).then(
		(code) => process.exit(code),
		(error: unknown) => {
			process.stderr.write(
				`Trigger demo failed: ${error instanceof Error ? error.stack : String(error)}\n`,
			);
			process.exit(1);
		},
	);
}
