import type { RunResult } from '../harness/engine';

/** Message and description of the error that stopped a run; empty strings when it succeeded. */
export function errorOf(result: RunResult): { message: string; description: string } {
	const error = result.error as (Error & { description?: string | null }) | undefined;
	return { message: error?.message ?? '', description: error?.description ?? '' };
}
