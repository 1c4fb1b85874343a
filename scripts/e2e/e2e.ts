import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { Checks, outputItems, parseExecuteOutput, verifyRun } from './checks';
import { AUTH_FIXTURES, E2E_API_KEY } from './fixtures';
import { installCommunityPackage } from './install';
import { N8n, tail } from './n8n';
import { loadBuiltPackage, type AuthMethod } from './package';
import { freePort, stopAll } from './processes';
import { startSandboxProcess, type SandboxProcess } from './sandboxProcess';
import { screenshotForms, type FormShot } from './screenshots';
import { verifyTrigger } from './trigger';
import {
	TRIGGER_TYPE,
	discoverExamples,
	packageNodes,
	prepareWorkflow,
	readWorkflow,
	startManually,
	type CredentialRef,
	type WorkflowJson,
} from './workflows';

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(ROOT, 'scripts/e2e/fixtures');

function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set; start the e2e run with npm run test:e2e`);
	return value;
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const notices: string[] = [];
const notice = (text: string) => {
	notices.push(text);
	print(`  skip ${text}`);
};
const step = (title: string) => print(`\n== ${title}`);

const checks = new Checks(print);

async function main(): Promise<void> {
	const workDir = required('E2E_WORK_DIR');
	const logDir = join(workDir, 'logs');
	mkdirSync(logDir, { recursive: true });

	step('Package');
	const pkg = loadBuiltPackage(ROOT);
	print(
		`  ${pkg.name}@${pkg.version}: nodes ${pkg.nodeTypes.map((node) => node.description.name).join(', ')}`,
	);
	print(`  credentials ${pkg.credentialTypes.map((credential) => credential.name).join(', ')}`);
	print(`  resources ${pkg.resources.map((resource) => resource.value).join(', ')}`);

	const declared = new Set(pkg.credentialTypes.map((credential) => credential.name));
	for (const type of Object.keys(AUTH_FIXTURES).filter((name) => !declared.has(name))) {
		notice(`credential ${type} is not in the package yet; its workflow runs plug in when it is`);
	}
	const missingFixtures = pkg.authMethods.filter((method) => !AUTH_FIXTURES[method.credentialType]);
	checks.ok(
		missingFixtures.length === 0,
		'every authentication method of the node has an e2e credential fixture',
		`add ${missingFixtures.map((method) => method.credentialType).join(', ')} to scripts/e2e/fixtures.ts`,
	);
	const authMethods = pkg.authMethods.filter((method) => AUTH_FIXTURES[method.credentialType]);

	step('Sandbox');
	// ERP examples read the seeded connection conn_sap01 and its records.
	const sandboxArgs = [
		'--seed-erp',
		'5',
		...authMethods.flatMap((method) => AUTH_FIXTURES[method.credentialType].sandboxArgs),
	];
	const sandbox = await startSandboxProcess(ROOT, sandboxArgs, logDir);
	const sandboxAuth = { Authorization: `Bearer ${E2E_API_KEY}` };
	print(`  sandbox on ${sandbox.url}`);

	step('Install the packed tarball as a community package');
	const userFolder = join(workDir, 'user');
	await installCommunityPackage(required('E2E_TARBALL'), userFolder, pkg.name);
	print(`  installed into ${join(userFolder, '.n8n/nodes')}`);

	const n8n = new N8n({
		node: required('E2E_NODE24'),
		bin: required('E2E_N8N_BIN'),
		userFolder,
		port: await freePort(),
		brokerPort: await freePort(),
		logDir,
	});

	step('Import credentials and workflows with the n8n CLI');
	const credentials = authMethods.map((method, index) => credentialFor(method, index));
	writeFileSync(
		join(workDir, 'credentials.json'),
		JSON.stringify(
			credentials.map((credential, index) => ({
				id: credential.id,
				name: credential.name,
				type: credential.type,
				data: AUTH_FIXTURES[authMethods[index].credentialType].data(sandbox.url),
			})),
		),
	);
	const imported = await n8n.cliOrThrow([
		'import:credentials',
		`--input=${join(workDir, 'credentials.json')}`,
	]);
	checks.ok(
		imported.includes(`Successfully imported ${credentials.length} credential`),
		`n8n imported ${credentials.length} credential(s): ${credentials.map((credential) => credential.type).join(', ')}`,
		tail(imported, 3),
	);

	const examples = discoverExamples(ROOT, FIXTURES, notice);
	// The other examples, the trigger and the forms use the API key credential, which every AITBC
	// node accepts.
	const bearer = credentials.find((credential) => credential.type === 'aitbcApi') ?? credentials[0];
	const runs: Array<{ label: string; workflow: WorkflowJson; credentialType?: string }> =
		credentials.map((credential) => ({
			label: `${examples.demo.json.name} [${credential.type}]`,
			credentialType: credential.type,
			workflow: prepareWorkflow(
				examples.demo.json,
				workflowId(),
				`${examples.demo.json.name} (${credential.type})`,
				credential,
			),
		}));
	for (const example of examples.others) {
		runs.push({
			label: example.json.name,
			workflow: startManually(
				prepareWorkflow(example.json, workflowId(), example.json.name, bearer),
			),
		});
	}

	let triggerWorkflow: WorkflowJson | undefined;
	if (pkg.triggerNode) {
		const source = examples.triggers[0] ?? readWorkflow(join(FIXTURES, 'trigger.workflow.json'));
		triggerWorkflow = prepareWorkflow(source.json, workflowId(), source.json.name, bearer);
		for (const node of triggerWorkflow.nodes) {
			if (node.type === TRIGGER_TYPE) node.webhookId ??= randomUUID();
		}
	} else {
		// NOTE: plug-in point for the trigger: runs once the package declares aitbcTrigger.
		notice('the package has no aitbcTrigger node yet; the webhook delivery checks are skipped');
	}

	const formWorkflow = formsWorkflow(pkg.resources, bearer, pkg.triggerNode !== undefined);
	const allWorkflows = [...runs.map((run) => run.workflow), formWorkflow.workflow];
	if (triggerWorkflow) allWorkflows.push(triggerWorkflow);
	writeFileSync(join(workDir, 'workflows.json'), JSON.stringify(allWorkflows));
	const importedWorkflows = await n8n.cliOrThrow([
		'import:workflow',
		`--input=${join(workDir, 'workflows.json')}`,
	]);
	checks.ok(
		importedWorkflows.includes(`Successfully imported ${allWorkflows.length} workflow`),
		`n8n imported ${allWorkflows.length} workflows`,
		tail(importedWorkflows, 3),
	);

	step('Run each workflow with n8n execute --id and compare with the sandbox');
	for (const run of runs) {
		const before = await createdCounts(sandbox);
		const logStart = sandbox.service.output().length;
		const result = await n8n.cli(['execute', `--id=${run.workflow.id}`, '--rawOutput']);
		if (
			!checks.ok(
				result.code === 0,
				`${run.label}: n8n execute exited 0`,
				tail(result.stdout + result.stderr, 15),
			)
		) {
			continue;
		}
		const execution = parseExecuteOutput(result.stdout);
		await verifyRun(
			{ checks, label: run.label, sandbox, auth: sandboxAuth, notice },
			run.workflow,
			execution,
		);

		const expectLogLine = run.credentialType && AUTH_FIXTURES[run.credentialType].expectLogLine;
		if (expectLogLine) {
			checks.ok(
				expectLogLine.test(sandbox.service.output().slice(logStart)),
				`${run.label}: the sandbox log shows the credential at work (${expectLogLine.source})`,
			);
		}

		const created = (await createdCounts(sandbox)).charge - before.charge;
		const reported = packageNodes(run.workflow)
			.filter(
				(node) => node.parameters.resource === 'charge' && node.parameters.operation === 'create',
			)
			.reduce((sum, node) => sum + (outputItems(execution, node.name)?.length ?? 0), 0);
		checks.equal(
			created,
			reported,
			`${run.label}: the sandbox created as many charges as n8n reported`,
		);
	}

	if (triggerWorkflow) {
		await n8n.cliOrThrow(['publish:workflow', `--id=${triggerWorkflow.id}`]);
	}

	step('Start n8n and create the owner account');
	await n8n.start();
	print(`  n8n on ${n8n.baseUrl}`);
	await n8n.setupOwner();
	checks.ok(true, 'the owner account is set up over REST');
	const servedNodes = await n8n.types('nodes');
	checks.equal(
		servedNodes
			.filter((type) => type.name.startsWith(`${pkg.name}.`))
			.map((type) => type.name)
			.sort(),
		// n8n adds an AI-agent tool variant of every node that is usableAsTool.
		pkg.nodeTypes
			.flatMap(({ description }) =>
				description.usableAsTool
					? [description.name, `${description.name}Tool`]
					: [description.name],
			)
			.map((name) => `${pkg.name}.${name}`)
			.sort(),
		"the editor's node list holds every node of the package",
	);
	const servedCredentials = new Set((await n8n.types('credentials')).map((type) => type.name));
	checks.ok(
		pkg.credentialTypes.every((credential) => servedCredentials.has(credential.name)),
		"the editor's credential list holds every credential of the package",
	);

	if (triggerWorkflow) {
		step('Trigger: a real delivery runs once, a forged one never');
		await verifyTrigger(checks, n8n, sandbox, sandboxAuth, triggerWorkflow.id as string);
	}

	step('Editor: parameter forms in headless Chromium');
	const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? join(ROOT, 'build/e2e-screenshots');
	await screenshotForms(checks, {
		playwrightDir: required('E2E_PLAYWRIGHT_DIR'),
		chromium: required('E2E_CHROMIUM'),
		baseUrl: n8n.baseUrl,
		workflowId: formWorkflow.workflow.id as string,
		shots: formWorkflow.shots,
		outDir: screenshotDir,
	});
}

let workflowCounter = 0;

/** n8n workflow ids are 16 characters here, like the ones the editor makes. */
function workflowId(): string {
	workflowCounter++;
	return `e2eWorkflow${String(workflowCounter).padStart(5, '0')}`;
}

function credentialFor(method: AuthMethod, index: number): CredentialRef {
	return {
		type: method.credentialType,
		id: `e2eCredential${String(index + 1).padStart(3, '0')}`,
		name: `AITBC sandbox (${method.label})`,
		authentication: method.value,
	};
}

async function createdCounts(sandbox: SandboxProcess): Promise<{ charge: number }> {
	const stats = await sandbox.get<{
		data: { created: Record<string, number> };
	}>('/_sandbox/stats');
	return { charge: stats.data.created.charge ?? 0 };
}

/** Builds a workflow with one AITBC node per resource (and the trigger) to open each form. */
function formsWorkflow(
	resources: Array<{ name: string; value: string }>,
	credential: CredentialRef,
	withTrigger: boolean,
): { workflow: WorkflowJson; shots: FormShot[] } {
	const shots: FormShot[] = [];
	const nodes: WorkflowJson['nodes'] = [
		{
			id: randomUUID(),
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];

	resources.forEach((resource, index) => {
		const name = `AITBC ${resource.name}`;
		nodes.push({
			id: randomUUID(),
			name,
			type: 'n8n-nodes-aitbc.aitbc',
			typeVersion: 1,
			position: [300, index * 160],
			parameters: { resource: resource.value },
		});
		shots.push({
			nodeName: name,
			file: `aitbc-${resource.value}`,
			expectText: ['Resource', resource.name, 'Operation'],
		});
	});

	if (withTrigger) {
		nodes.push({
			id: randomUUID(),
			name: 'AITBC Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 300],
			webhookId: randomUUID(),
			parameters: { events: ['charge.succeeded'] },
		});
		shots.push({ nodeName: 'AITBC Trigger', file: 'aitbc-trigger', expectText: ['Events'] });
	}

	const workflow = prepareWorkflow(
		{
			name: 'AITBC forms (e2e)',
			nodes,
			connections: {},
			settings: { executionOrder: 'v1' },
		},
		workflowId(),
		'AITBC forms (e2e)',
		credential,
	);
	return { workflow, shots };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		print(`\ne2e: ${signal} received, stopping n8n and the sandbox`);
		void stopAll().finally(() => process.exit(130));
	});
}

const started = Date.now();
let exitCode = 1;
main()
	.catch((error: Error) => {
		checks.ok(false, `the run stopped early: ${error.stack ?? error.message}`);
	})
	.finally(async () => {
		await stopAll();
		exitCode = checks.failures.length === 0 ? 0 : 1;
		print(`\n== Summary (${Math.round((Date.now() - started) / 1000)} s)`);
		for (const text of notices) print(`  skipped: ${text}`);
		for (const failure of checks.failures) print(`  failed: ${failure.split('\n')[0]}`);
		print(`e2e: ${checks.passed} passed, ${checks.failures.length} failed`);
		process.exit(exitCode);
	});
