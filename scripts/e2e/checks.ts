import { isDeepStrictEqual } from 'node:util';

import { LIST_PATHS, OBJECT_PATHS } from './fixtures';
import type { SandboxProcess } from './sandboxProcess';
import { packageNodes, type WorkflowJson, type WorkflowNode } from './workflows';

export interface Item {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

interface NodeRun {
	executionStatus?: string;
	error?: { message?: string };
	source?: Array<{ previousNode: string } | null>;
	data?: { main?: Array<Item[] | null> };
}

export interface ExecutionResult {
	status?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: { message?: string };
		};
	};
}

export class Checks {
	passed = 0;

	readonly failures: string[] = [];

	constructor(private readonly print: (line: string) => void) {}

	ok(condition: boolean, message: string, detail = ''): boolean {
		if (condition) {
			this.passed++;
			this.print(`  ok   ${message}`);
		} else {
			this.failures.push(`${message}${detail ? ` (${detail})` : ''}`);
			this.print(`  FAIL ${message}${detail ? `\n       ${detail}` : ''}`);
		}
		return condition;
	}

	equal(actual: unknown, expected: unknown, message: string): boolean {
		return this.ok(
			isDeepStrictEqual(actual, expected),
			message,
			`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
		);
	}
}

/**
 * n8n logs before and after the run's JSON, which it prints indented by two spaces: the JSON is
 * the block from the first line that is "{" to the next line that is "}".
 */
export function parseExecuteOutput(stdout: string): ExecutionResult {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0)
		throw new Error(`n8n execute printed no run data: ${stdout.slice(0, 500)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionResult;
}

export function outputItems(result: ExecutionResult, nodeName: string): Item[] | undefined {
	const runs = result.data.resultData.runData[nodeName];
	if (!runs) return undefined;
	return runs.flatMap((run) => run.data?.main?.[0] ?? []);
}

/**
 * Compares what n8n's run produced with what the sandbox holds. Every returned object must exist
 * there with the same fields, and Get Many must return exactly the sandbox's list. Each created
 * charge must carry the amount and currency of the item it came from.
 */
export interface RunContext {
	checks: Checks;
	label: string;
	sandbox: SandboxProcess;
	/** Headers that authenticate direct reads from the sandbox. */
	auth: Record<string, string>;
	notice: (text: string) => void;
}

export async function verifyRun(
	context: RunContext,
	workflow: WorkflowJson,
	result: ExecutionResult,
): Promise<void> {
	const { checks, label } = context;
	const { runData, error } = result.data.resultData;
	checks.ok(
		!error && result.status === 'success',
		`${label}: the execution succeeded`,
		error?.message ?? result.status,
	);

	for (const node of packageNodes(workflow)) {
		const items = outputItems(result, node.name);
		if (
			!checks.ok(items !== undefined && items.length > 0, `${label}: "${node.name}" output items`)
		)
			continue;

		if (erpTarget(node)) await verifyErpRecords(context, node, items ?? []);
		else await verifyObjects(context, node, items ?? []);
		await verifyList(context, node, items ?? []);
		verifyCreatedCharges(context, node, items ?? [], result, runData);
	}
}

async function verifyObjects(
	{ checks, label, sandbox, auth, notice }: RunContext,
	node: WorkflowNode,
	items: Item[],
): Promise<void> {
	let compared = 0;
	const mismatches: string[] = [];

	for (const { json } of items) {
		const id = typeof json.id === 'string' ? json.id : '';
		const prefix = Object.keys(OBJECT_PATHS).find((candidate) => id.startsWith(candidate));
		if (!prefix) continue;

		const stored: Record<string, unknown> = await sandbox
			.get<{ data: Record<string, unknown> }>(
				`${OBJECT_PATHS[prefix]}${encodeURIComponent(id)}`,
				auth,
			)
			.then((answer) => answer.data)
			.catch((error: Error) => ({ missing: error.message }));
		compared++;
		// Fields a later step may legitimately change (a refund, a cancel) are left out.
		for (const field of [
			'id',
			'object',
			'amount',
			'currency',
			'created_at',
			'description',
			'metadata',
		]) {
			if (field in json && !isDeepStrictEqual(json[field], stored[field])) {
				mismatches.push(
					`${id}.${field}: n8n ${JSON.stringify(json[field])}, sandbox ${JSON.stringify(stored[field])}`,
				);
			}
		}
	}

	if (compared === 0) {
		notice(`${label}: "${node.name}" returned no objects with a known id prefix to read back`);
		return;
	}
	checks.ok(
		mismatches.length === 0,
		`${label}: "${node.name}" ${compared} objects match the sandbox`,
		mismatches.slice(0, 5).join('; '),
	);
}

/** The ERP connection and entity type a node works on, from its Connection and Entity Type. */
function erpTarget(node: WorkflowNode): { connection: string; entityType: string } | undefined {
	const { connection, entityType } = node.parameters as Record<string, unknown>;
	const id =
		connection && typeof connection === 'object'
			? (connection as { value?: unknown }).value
			: connection;
	if (typeof id !== 'string' || typeof entityType !== 'string') return undefined;
	if (id.startsWith('=') || entityType.startsWith('=')) return undefined;
	return { connection: id, entityType };
}

/** Reads every ERP record the node returned back from its connection in the sandbox. */
async function verifyErpRecords(
	{ checks, label, sandbox, auth, notice }: RunContext,
	node: WorkflowNode,
	items: Item[],
): Promise<void> {
	const { connection, entityType } = erpTarget(node) as { connection: string; entityType: string };
	const base = `/v1/erp/connections/${encodeURIComponent(connection)}/${encodeURIComponent(entityType)}/`;
	const ids = items
		.map((item) => item.json.id)
		.filter((id): id is string => typeof id === 'string');
	if (ids.length === 0) {
		notice(`${label}: "${node.name}" returned no ERP record ids to read back`);
		return;
	}

	const problems: string[] = [];
	for (const { json } of items) {
		if (typeof json.id !== 'string') continue;
		const stored = await sandbox
			.get<{ data: Record<string, unknown> }>(`${base}${encodeURIComponent(json.id)}`, auth)
			.then((answer) => answer.data)
			.catch((error: Error) => ({ missing: error.message }) as Record<string, unknown>);
		if ('missing' in stored) problems.push(`${json.id}: ${String(stored.missing)}`);
		else if ('created_at' in json && json.created_at !== stored.created_at) {
			problems.push(
				`${json.id}.created_at: n8n ${String(json.created_at)}, sandbox ${String(stored.created_at)}`,
			);
		}
	}
	checks.ok(
		problems.length === 0,
		`${label}: "${node.name}" ${ids.length} ${entityType} records exist in ${connection}`,
		problems.slice(0, 5).join('; '),
	);
}

async function verifyList(
	{ checks, label, sandbox, auth, notice }: RunContext,
	node: WorkflowNode,
	items: Item[],
): Promise<void> {
	const { resource, operation, returnAll, limit, filters } = node.parameters as Record<
		string,
		unknown
	>;
	if (operation !== 'getAll') return;

	const path = LIST_PATHS[String(resource)];
	const filtered = filters && typeof filters === 'object' && Object.keys(filters).length > 0;
	if (!path || filtered) {
		notice(
			`${label}: "${node.name}" lists ${String(resource)} with filters or no known path; not compared`,
		);
		return;
	}

	const stored = await sandbox.list<{ id: string }>(path, auth);
	const expected = stored
		.map((object) => object.id)
		.slice(0, returnAll ? undefined : Number(limit ?? 50));
	checks.equal(
		items.map((item) => item.json.id),
		expected,
		`${label}: "${node.name}" returns the sandbox's ${String(resource)} list in order`,
	);
}

function verifyCreatedCharges(
	{ checks, label }: RunContext,
	node: WorkflowNode,
	items: Item[],
	result: ExecutionResult,
	runData: Record<string, NodeRun[]>,
): void {
	if (node.parameters.resource !== 'charge' || node.parameters.operation !== 'create') return;

	const previous = runData[node.name]?.[0]?.source?.[0]?.previousNode;
	const inputs = previous ? (outputItems(result, previous) ?? []) : [];
	checks.equal(
		items.length,
		inputs.length,
		`${label}: "${node.name}" made one charge per input item`,
	);

	// The amount and currency fields of the input are the ones the node's expressions read.
	const amountField = jsonField(node.parameters.amount) ?? 'amount';
	const currencyField = jsonField(node.parameters.currency) ?? 'currency';
	const mismatched = items.filter((item, index) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		const input = inputs[paired?.item ?? index]?.json ?? {};
		return (
			item.json.amount !== input[amountField] ||
			item.json.currency !== String(input[currencyField]).toLowerCase()
		);
	});
	checks.ok(
		mismatched.length === 0,
		`${label}: "${node.name}" charges carry their input item's amount and currency`,
		mismatched.map((item) => JSON.stringify(item.json)).join('; '),
	);
}

/** `amount_cents` for the expression `={{ $json.amount_cents }}`, undefined for anything else. */
function jsonField(parameter: unknown): string | undefined {
	return /^=\{\{\s*\$json\.(\w+)\s*\}\}$/.exec(String(parameter))?.[1];
}
