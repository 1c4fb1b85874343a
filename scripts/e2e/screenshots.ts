import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Checks } from './checks';
import { OWNER } from './n8n';

export interface FormShot {
	/** Canvas name of the node to open. */
	nodeName: string;
	/** File name without extension. */
	file: string;
	/** Text the parameter form must show, e.g. the resource's display name. */
	expectText: string[];
}

interface Locator {
	count(): Promise<number>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	click(options?: { timeout?: number }): Promise<void>;
	innerText(): Promise<string>;
	screenshot(options: { path: string }): Promise<Buffer>;
	waitFor(options: { state?: string; timeout?: number }): Promise<void>;
	first(): Locator;
}

interface Page {
	goto(url: string): Promise<unknown>;
	locator(selector: string): Locator;
	keyboard: { press(key: string): Promise<void> };
	waitForTimeout(ms: number): Promise<void>;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
	request: {
		post(url: string, options: { data: unknown }): Promise<{ status(): number }>;
	};
	on(event: 'console', handler: (message: { type(): string; text(): string }) => void): void;
}

interface Browser {
	newContext(options: object): Promise<{ newPage(): Promise<Page> }>;
	close(): Promise<void>;
}

/**
 * Logs in as the owner in headless Chromium, opens the workflow, and for each node opens its
 * parameter form (n8n's node details view) and saves a screenshot of it.
 */
export async function screenshotForms(
	checks: Checks,
	options: {
		playwrightDir: string;
		chromium: string;
		baseUrl: string;
		workflowId: string;
		shots: FormShot[];
		outDir: string;
	},
): Promise<void> {
	const { chromium } = require(options.playwrightDir) as {
		chromium: { launch(options: object): Promise<Browser> };
	};
	mkdirSync(options.outDir, { recursive: true });

	const browser = await chromium.launch({
		executablePath: options.chromium,
		// Chromium's sandbox needs user namespaces that a root CI container does not grant.
		args: ['--no-sandbox', '--disable-dev-shm-usage'],
	});
	try {
		const context = await browser.newContext({
			baseURL: options.baseUrl,
			viewport: { width: 1440, height: 900 },
		});
		const page = await context.newPage();

		const login = await page.request.post('/rest/login', {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		checks.equal(login.status(), 200, 'editor: the owner logs in');

		await page.goto(`/workflow/${options.workflowId}`);
		await page
			.locator('[data-test-id="canvas-node"]')
			.first()
			.waitFor({ state: 'visible', timeout: 90_000 });
		const canvasFile = join(options.outDir, 'canvas.png');
		await page.screenshot({ path: canvasFile });

		for (const shot of options.shots) {
			const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${shot.nodeName}"]`);
			if (!checks.ok((await node.count()) === 1, `editor: the canvas shows "${shot.nodeName}"`))
				continue;

			await node.dblclick();
			const form = page.locator('[data-test-id="ndv"]');
			await form.waitFor({ state: 'visible', timeout: 30_000 });
			await page
				.locator('[data-test-id="node-parameters"]')
				.waitFor({ state: 'visible', timeout: 30_000 });
			// Let option lists and hints finish rendering before the picture is taken.
			await page.waitForTimeout(750);

			const text = await form.innerText();
			const missing = shot.expectText.filter((expected) => !text.includes(expected));
			checks.ok(
				missing.length === 0 && !/not (currently )?installed/i.test(text),
				`editor: the form of "${shot.nodeName}" renders`,
				missing.length
					? `missing ${JSON.stringify(missing)}`
					: 'n8n reports the node as not installed',
			);

			const file = join(options.outDir, `${shot.file}.png`);
			await form.screenshot({ path: file });
			process.stdout.write(`       saved ${file}\n`);

			await page.locator('[data-test-id="ndv-close-button"]').click();
			await form.waitFor({ state: 'hidden', timeout: 10_000 });
		}
	} finally {
		await browser.close();
	}
}
