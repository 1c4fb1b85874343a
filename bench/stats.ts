import type { RunResult } from '../test/harness/engine';

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `measure` once to warm up, then `runs` times, and returns every measured value. */
export async function repeat<T>(runs: number, measure: () => Promise<T>): Promise<T[]> {
	await measure();
	const results: T[] = [];
	for (let run = 0; run < runs; run++) results.push(await measure());
	return results;
}

export function seconds(startedNs: bigint): number {
	return Number(process.hrtime.bigint() - startedNs) / 1e9;
}

/** Returns the execution time n8n recorded for one node of a run, in seconds. */
export function nodeSeconds(result: RunResult, nodeName: string): number {
	const tasks = result.run.data.resultData.runData[nodeName];
	const milliseconds = tasks?.[tasks.length - 1]?.executionTime;
	if (milliseconds === undefined)
		throw new Error(`The run has no execution time for "${nodeName}"`);
	return Math.max(milliseconds, 1) / 1000;
}
