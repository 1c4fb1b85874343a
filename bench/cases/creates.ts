import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../../test/harness/engine';
import { aitbcWorkflow } from '../../test/harness/workflows';
import { rawPost } from '../raw';
import { startSandboxProcess } from '../sandboxProcess';
import { median, repeat, seconds } from '../stats';
import type { CaseResult } from './types';

interface CreateRun {
	wallSeconds: number;
	rateLimitedShare: number;
	failed: number;
}

/**
 * Measures `count` charge creates against a sandbox limited to `rate` requests per second. The ideal
 * wall time is count / rate; the node should come close without provoking many 429s.
 */
export async function benchPacedCreates(
	count: number,
	rate: number,
	runs: number,
): Promise<CaseResult> {
	const ideal = count / rate;

	const nodeRuns = await repeat(runs, async () => await nodeCreates(count, rate, {}));
	// n8n's routing prepares every item before it sends anything. Its own Batching request option
	// makes that loop yield, so requests start while the rest is prepared.
	const batchedRuns = await repeat(
		runs,
		async () =>
			await nodeCreates(count, rate, { batching: { batch: { batchSize: 25, batchInterval: 1 } } }),
	);

	const rawRuns = await repeat(runs, async () => {
		const sandbox = await startSandboxProcess(['--rate-limit', String(rate)]);
		try {
			let rateLimited = 0;
			let attempts = 0;
			let failed = 0;
			const started = process.hrtime.bigint();
			for (let index = 0; index < count; index++) {
				const result = await rawPost(
					sandbox.url,
					sandbox.apiKey,
					'/payments/charges',
					{ amount: 100 + index, currency: 'usd', source: 'tok_visa' },
					randomUUID(),
				);
				rateLimited += result.rateLimited;
				attempts += result.attempts;
				if (result.status >= 300) failed++;
			}
			return { wallSeconds: seconds(started), rateLimitedShare: rateLimited / attempts, failed };
		} finally {
			await sandbox.stop();
		}
	});

	const pick = (list: CreateRun[], key: keyof CreateRun) => median(list.map((run) => run[key]));
	const nodeWall = pick(nodeRuns, 'wallSeconds');
	const nodeShare = pick(nodeRuns, 'rateLimitedShare');
	const nodeFailed = Math.max(...nodeRuns.map((run) => run.failed));
	const batchedWall = pick(batchedRuns, 'wallSeconds');
	const ratio = nodeWall / ideal;

	return {
		name: `${count.toLocaleString('en-US')} creates at ${rate} req/s`,
		unit: 's wall',
		node: nodeWall,
		raw: pick(rawRuns, 'wallSeconds'),
		ratio,
		target: '<= 1.10 x ideal, 0 failed, <= 2 % 429',
		met: ratio <= 1.1 && nodeFailed === 0 && nodeShare <= 0.02,
		notes: [
			`ideal ${ideal.toFixed(2)} s; node/ideal ${ratio.toFixed(3)} with default settings`,
			`node: ${(nodeShare * 100).toFixed(2)} % of requests answered 429, ${nodeFailed} failed items`,
			`node with Request Options > Batching of 25 items every 1 ms: ${batchedWall.toFixed(2)} s, node/ideal ${(batchedWall / ideal).toFixed(3)}, ${Math.max(...batchedRuns.map((run) => run.failed))} failed, ${(pick(batchedRuns, 'rateLimitedShare') * 100).toFixed(2)} % 429`,
			`raw sequential loop: ${(pick(rawRuns, 'rateLimitedShare') * 100).toFixed(2)} % 429, ${Math.max(...rawRuns.map((run) => run.failed))} failed`,
		],
	};
}

async function nodeCreates(
	count: number,
	rate: number,
	requestOptions: INodeParameters,
): Promise<CreateRun> {
	const sandbox = await startSandboxProcess(['--rate-limit', String(rate)]);
	try {
		const items = Array.from({ length: count }, (_, index) => ({ amount: 100 + index }));
		const started = process.hrtime.bigint();
		const result = await runWorkflow(
			aitbcWorkflow(
				{
					resource: 'charge',
					operation: 'create',
					amount: '={{ $json.amount }}',
					currency: 'usd',
					source: 'tok_visa',
					requestOptions,
				},
				items,
				{ continueOnFail: true },
			),
			{
				credentials: {
					aitbcApi: {
						baseUrl: sandbox.url,
						apiKey: sandbox.apiKey,
						apiVersion: 'v1',
						tenantId: '',
						enterpriseId: '',
					},
				},
			},
		);
		const wallSeconds = seconds(started);
		const output = result.output('AITBC');
		const failed = output.filter((item) => item.error).length + (count - output.length);
		const stats = (await sandbox.stats()) as { requests?: number; rate_limited?: number };
		return {
			wallSeconds,
			rateLimitedShare: (stats.rate_limited ?? 0) / Math.max(stats.requests ?? 1, 1),
			failed,
		};
	} finally {
		await sandbox.stop();
	}
}
