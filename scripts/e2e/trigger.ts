import { createHmac, randomBytes } from 'node:crypto';

import type { Checks } from './checks';
import type { N8n } from './n8n';
import { waitFor } from './processes';
import type { SandboxProcess } from './sandboxProcess';

interface Endpoint {
	id: string;
	url: string;
	events: string[];
	status?: string;
}

/**
 * The trigger workflow is published before n8n starts, so activation registers a webhook
 * endpoint in the sandbox. One real event must start exactly one execution; one delivery signed
 * with a wrong secret must start none.
 */
export async function verifyTrigger(
	checks: Checks,
	n8n: N8n,
	sandbox: SandboxProcess,
	auth: Record<string, string>,
	workflowId: string,
): Promise<void> {
	const endpoint = await waitFor(
		'the activated trigger to register its webhook in the sandbox',
		async () => {
			const { data } = await sandbox.get<{ data: Endpoint[] }>('/v1/webhooks', auth);
			return data.find((candidate) => candidate.url.startsWith(n8n.baseUrl));
		},
		30_000,
		500,
	).catch(() => undefined);
	if (!checks.ok(endpoint !== undefined, 'trigger: activation registered a webhook in the sandbox'))
		return;
	const { id, url, events } = endpoint as Endpoint;
	checks.ok(
		url.startsWith(`${n8n.baseUrl}/webhook/`),
		`trigger: the registered URL is n8n's production webhook (${url})`,
	);

	const before = (await n8n.executions(workflowId)).length;

	// A charge is a real event the sandbox sends by itself; the test endpoint covers triggers
	// that listen to other event types.
	const listensToCharges = events.includes('*') || events.includes('charge.succeeded');
	let marker: string;
	if (listensToCharges) {
		const charge = await sandbox.post<{ data: { id: string } }>(
			'/v1/payments/charges',
			{
				amount: 4200,
				currency: 'usd',
				source: 'tok_visa',
				description: 'e2e trigger',
			},
			auth,
		);
		marker = charge.data.id;
	} else {
		await sandbox.post(`/v1/webhooks/${encodeURIComponent(id)}/test`, {}, auth);
		marker = 'webhook.test';
	}

	const afterEvent = await waitFor(
		'an execution started by the delivered event',
		async () => {
			const runs = await n8n.executions(workflowId);
			return runs.length > before &&
				runs.every((run) => run.status !== 'running' && run.status !== 'new')
				? runs
				: undefined;
		},
		30_000,
		500,
	).catch(() => n8n.executions(workflowId));
	// A second delivery of the same event (a retry) would show up within this pause.
	await new Promise((resolve) => setTimeout(resolve, 3_000));
	const settled = await n8n.executions(workflowId);
	checks.equal(
		settled.length - before,
		1,
		'trigger: one delivered event ran exactly one execution',
	);
	checks.ok(
		afterEvent.length > before && settled[0]?.status === 'success',
		'trigger: that execution succeeded',
		JSON.stringify(settled[0]),
	);
	if (settled.length - before === 1) {
		const execution = await n8n.rest<{ data: string }>('GET', `/executions/${settled[0].id}`);
		checks.ok(
			JSON.stringify(execution).includes(marker),
			`trigger: the execution's data holds the event (${marker})`,
		);
	}

	const forged = await sendForgedDelivery(url);
	checks.ok(
		forged >= 400 && forged < 500,
		`trigger: n8n refused the forged delivery (HTTP ${forged})`,
	);
	await new Promise((resolve) => setTimeout(resolve, 3_000));
	checks.equal(
		(await n8n.executions(workflowId)).length - settled.length,
		0,
		'trigger: the forged delivery ran no execution',
	);
}

/** A well-formed delivery signed with a secret the endpoint never had. */
async function sendForgedDelivery(url: string): Promise<number> {
	const timestamp = Math.floor(Date.now() / 1000);
	const body = JSON.stringify({
		id: `evt_forged${randomBytes(6).toString('hex')}`,
		type: 'charge.succeeded',
		created_at: new Date().toISOString(),
		api_version: 'v1',
		data: {
			object: { id: 'ch_forged', object: 'charge', amount: 1, currency: 'usd' },
		},
	});
	const signature = createHmac('sha256', 'whsec_not_the_endpoint_secret')
		.update(`${timestamp}.${body}`)
		.digest('hex');
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			'X-AITBC-Event-Id': 'evt_forged',
			'X-AITBC-Timestamp': String(timestamp),
			'X-AITBC-Signature': `t=${timestamp},v1=${signature}`,
		},
		body,
	});
	await response.arrayBuffer();
	return response.status;
}
