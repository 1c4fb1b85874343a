import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { startSandboxProcess } from '../sandboxProcess';
import { median } from '../stats';
import type { CaseResult } from './types';

const run = promisify(execFile);

interface Probe {
	heapPeakAboveBaseline: number;
	rssPeakAboveBaseline: number;
	jsonBytes: number;
}

async function probe(
	mode: 'node' | 'raw',
	url: string,
	apiKey: string,
	count: number,
): Promise<Probe> {
	const script = join(__dirname, '..', 'memoryProbe.js');
	const { stdout } = await run(
		process.execPath,
		['--expose-gc', script, mode, url, apiKey, String(count)],
		{ maxBuffer: 1024 * 1024, env: { ...process.env, N8N_LOG_LEVEL: 'silent' } },
	);
	return JSON.parse(stdout) as Probe;
}

/** Measures the peak heap above the baseline for Return All over `count` records, against their JSON size. */
export async function benchMemory(count: number, runs: number): Promise<CaseResult> {
	const sandbox = await startSandboxProcess(['--seed', String(count)]);
	try {
		const nodeProbes: Probe[] = [];
		const rawProbes: Probe[] = [];
		for (let index = 0; index < runs; index++) {
			nodeProbes.push(await probe('node', sandbox.url, sandbox.apiKey, count));
			rawProbes.push(await probe('raw', sandbox.url, sandbox.apiKey, count));
		}

		const jsonBytes = nodeProbes[0].jsonBytes;
		const nodeHeap = median(nodeProbes.map((entry) => entry.heapPeakAboveBaseline));
		const rawHeap = median(rawProbes.map((entry) => entry.heapPeakAboveBaseline));
		const nodeRss = median(nodeProbes.map((entry) => entry.rssPeakAboveBaseline));
		const ratio = nodeHeap / jsonBytes;
		const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

		return {
			name: `Peak memory, Return All of ${count.toLocaleString('en-US')}`,
			unit: 'MB heap',
			node: nodeHeap / 1024 / 1024,
			raw: rawHeap / 1024 / 1024,
			ratio,
			target: '<= 2 x JSON size',
			met: ratio <= 2,
			notes: [
				`records' JSON size ${mb(jsonBytes)}; node heap peak ${mb(nodeHeap)} (${ratio.toFixed(2)} x), raw ${mb(rawHeap)} (${(rawHeap / jsonBytes).toFixed(2)} x)`,
				`node peak RSS above baseline ${mb(nodeRss)}`,
			],
		};
	} finally {
		await sandbox.stop();
	}
}
