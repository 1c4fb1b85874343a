import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const PACKAGE_NODE_PREFIX = 'n8n-nodes-aitbc.';
export const TRIGGER_TYPE = `${PACKAGE_NODE_PREFIX}aitbcTrigger`;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	executeOnce?: boolean;
	webhookId?: string;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	pinData?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface WorkflowFile {
	file: string;
	json: WorkflowJson;
}

export interface Examples {
	/** Manual Trigger → Code → AITBC create charges → AITBC Get Many: run once per credential. */
	demo: WorkflowFile;
	/** Every other example that n8n can start from the CLI. */
	others: WorkflowFile[];
	/** Examples that start with the AITBC Trigger; they run by webhook, not by the CLI. */
	triggers: WorkflowFile[];
}

const DEMO_FILE = 'charges.workflow.json';

export function discoverExamples(
	root: string,
	fixtures: string,
	notice: (text: string) => void,
): Examples {
	const folder = join(root, 'examples');
	const files = existsSync(folder)
		? readdirSync(folder)
				.filter((name) => name.endsWith('.workflow.json'))
				.sort()
				.map((name) => join(folder, name))
		: [];
	const examples = files.map(readWorkflow);

	let demo = examples.find((example) => basename(example.file) === DEMO_FILE);
	if (!demo) {
		notice(`examples/${DEMO_FILE} is not in this checkout yet; using the e2e fixture instead`);
		demo = readWorkflow(join(fixtures, DEMO_FILE));
	}

	const rest = examples.filter((example) => example !== demo);
	return {
		demo,
		others: rest.filter((example) => !hasTrigger(example.json)),
		triggers: rest.filter((example) => hasTrigger(example.json)),
	};
}

export function readWorkflow(file: string): WorkflowFile {
	return { file, json: JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson };
}

export function hasTrigger(workflow: WorkflowJson): boolean {
	return workflow.nodes.some((node) => node.type === TRIGGER_TYPE);
}

export interface CredentialRef {
	type: string;
	id: string;
	name: string;
	/** Value for the action node's Authentication parameter, empty when it has none. */
	authentication: string;
}

/** Copies the workflow under a fixed id and points every package node at the given credential. */
export function prepareWorkflow(
	source: WorkflowJson,
	id: string,
	name: string,
	credential: CredentialRef,
): WorkflowJson {
	const workflow = structuredClone(source);
	workflow.id = id;
	workflow.name = name;
	workflow.active = false;
	delete workflow.pinData;

	for (const node of workflow.nodes) {
		if (!node.type.startsWith(PACKAGE_NODE_PREFIX)) continue;

		node.credentials = {
			[credential.type]: { id: credential.id, name: credential.name },
		};
		if (credential.authentication) node.parameters.authentication = credential.authentication;
	}
	return workflow;
}

const TIMER_TRIGGERS = [
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.cron',
	'n8n-nodes-base.interval',
];

/**
 * Swaps a schedule trigger for a Manual Trigger of the same name, because `n8n execute` starts
 * only from a Manual Trigger, as the editor's "Execute workflow" button would run it.
 */
export function startManually(workflow: WorkflowJson): WorkflowJson {
	for (const node of workflow.nodes) {
		if (!TIMER_TRIGGERS.includes(node.type)) continue;

		node.type = 'n8n-nodes-base.manualTrigger';
		node.typeVersion = 1;
		node.parameters = {};
	}
	return workflow;
}

export function packageNodes(workflow: WorkflowJson): WorkflowNode[] {
	return workflow.nodes.filter((node) => node.type.startsWith(PACKAGE_NODE_PREFIX));
}
