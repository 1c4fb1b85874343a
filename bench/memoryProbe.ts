import { runWorkflow } from '../test/harness/engine';
import { aitbcWorkflow } from '../test/harness/workflows';
import { rawListAll } from './raw';

/**
 * Runs one Return All in a fresh process and prints its peak memory above the baseline as JSON.
 * Run with --expose-gc. Usage: node memoryProbe.js <node|raw> <baseUrl> <apiKey> <count>
 */
async function main(): Promise<void> {
	const [mode, baseUrl, apiKey, countText] = process.argv.slice(2);
	const count = Number(countText);
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('Run the memory probe with --expose-gc');

	// Load the engine and warm it up on a one-item list first, so code loading is in the baseline.
	await runWorkflow(
		aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: false, limit: 1 }),
		{
			credentials: {
				aitbcApi: { baseUrl, apiKey, apiVersion: 'v1', tenantId: '', enterpriseId: '' },
			},
		},
	);
	gc();
	const baselineHeap = process.memoryUsage().heapUsed;
	const baselineRss = process.memoryUsage().rss;

	let peakHeap = baselineHeap;
	const sampler = setInterval(() => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	}, 2);

	let records: unknown[];
	if (mode === 'node') {
		const result = await runWorkflow(
			aitbcWorkflow({ resource: 'charge', operation: 'getAll', returnAll: true, simplify: false }),
			{
				credentials: {
					aitbcApi: { baseUrl, apiKey, apiVersion: 'v1', tenantId: '', enterpriseId: '' },
				},
			},
		);
		records = result.output('AITBC').map((item) => item.json);
	} else {
		records = await rawListAll(baseUrl, apiKey, '/payments/charges');
	}
	clearInterval(sampler);
	peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	const peakRss = process.resourceUsage().maxRSS * 1024;

	if (records.length !== count) throw new Error(`Read ${records.length} of ${count} records`);
	const jsonBytes = Buffer.byteLength(JSON.stringify(records));

	process.stdout.write(
		JSON.stringify({
			heapPeakAboveBaseline: peakHeap - baselineHeap,
			rssPeakAboveBaseline: peakRss - baselineRss,
			jsonBytes,
		}),
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
