import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

import { WebhookContext } from 'n8n-core';

import { signDelivery } from '../../nodes/AitbcTrigger/verify';
import { nodeTypesByName } from '../../test/harness/engine';
import { TriggerRuntime, triggerWorkflow } from '../../test/harness/trigger';
import { median, repeat, seconds } from '../stats';
import type { CaseResult } from './types';

const SECRET = 'whsec_bench_secret';

/** Builds a `charge.succeeded` event padded to about `bodyBytes` of JSON. */
function eventBody(bodyBytes: number): Buffer {
	const event = {
		id: `evt_${randomUUID().replace(/-/g, '')}`,
		type: 'charge.succeeded',
		created_at: new Date().toISOString(),
		api_version: 'v1',
		data: { object: { id: 'ch_bench', amount: 1000, currency: 'usd', description: '' } },
	};
	const padding = Math.max(0, bodyBytes - Buffer.byteLength(JSON.stringify(event)));
	event.data.object.description = 'x'.repeat(padding);
	return Buffer.from(JSON.stringify(event));
}

/**
 * Measures deliveries per second for `count` signed deliveries of about 10 KB: the trigger's webhook()
 * through n8n-core's WebhookContext, against a raw check of the same signature and JSON parse.
 * Neither side starts a workflow, so the figure is the cost of accepting a delivery.
 */
export async function benchTriggerVerify(count: number, runs: number): Promise<CaseResult> {
	const bodies = Array.from({ length: count }, () => eventBody(10 * 1024));
	const runtime = new TriggerRuntime(triggerWorkflow({ events: ['*'] }), {});
	Object.assign(runtime.nodeStaticData, { webhookId: 'we_bench', webhookSecret: SECRET });
	const webhook = nodeTypesByName['n8n-nodes-aitbc.aitbcTrigger'].webhook!;
	const response = {
		status: () => response,
		json: () => response,
		send: () => response,
		end: () => response,
	};

	const nodeRates = await repeat(runs, async () => {
		// A fresh list of recent event ids each run, so every delivery is new to the trigger.
		const started = process.hrtime.bigint();
		let accepted = 0;
		for (const body of bodies) {
			const timestamp = Math.floor(Date.now() / 1000);
			const request = {
				method: 'POST',
				headers: {
					'x-aitbc-signature': `t=${timestamp},v1=${signDelivery(SECRET, timestamp, body)}`,
				},
				query: {},
				params: {},
				body: {},
				rawBody: body,
			};
			const additionalData = runtime.additionalData();
			Object.assign(additionalData, { httpRequest: request, httpResponse: response });
			const context = new WebhookContext(
				runtime.workflow,
				runtime.triggerNode,
				additionalData,
				'webhook',
				runtime.webhookData(),
				[],
				null,
			);
			const result = await webhook.call(context);
			if (result.workflowData) accepted++;
		}
		runtime.nodeStaticData.recentEventIds = [];
		if (accepted !== count)
			throw new Error(`The trigger accepted ${accepted} of ${count} deliveries`);
		return count / seconds(started);
	});

	const rawRates = await repeat(runs, async () => {
		const started = process.hrtime.bigint();
		let accepted = 0;
		for (const body of bodies) {
			const timestamp = Math.floor(Date.now() / 1000);
			const header = `t=${timestamp},v1=${signDelivery(SECRET, timestamp, body)}`;
			const [, signature] = header.split(',v1=');
			const expected = createHmac('sha256', SECRET).update(`${timestamp}.`).update(body).digest();
			if (
				timingSafeEqual(expected, Buffer.from(signature, 'hex')) &&
				JSON.parse(body.toString('utf8'))
			) {
				accepted++;
			}
		}
		if (accepted !== count) throw new Error(`The raw check accepted ${accepted} of ${count}`);
		return count / seconds(started);
	});

	const node = median(nodeRates);
	const raw = median(rawRates);
	return {
		name: `Trigger verification, ${count.toLocaleString('en-US')} deliveries of 10 KB`,
		unit: 'deliveries/s',
		node,
		raw,
		ratio: node / raw,
		target: 'none set',
		met: true,
		notes: [
			'both sides sign each delivery in the loop, so both figures include one HMAC for signing',
		],
	};
}
