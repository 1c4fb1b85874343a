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
