/**
 * The editor in a real browser and n8n's Chinese locale. A real n8n 2.40.7 started with N8N_DEFAULT_LOCALE=zh-CN
 * (lab/demo-instance.ts: the packed package, the sandbox, every example), Debian's Chromium with CJK fonts
 * (scripts/browser.js) driven by playwright-core. Screenshots go to .cache/screenshots/ (git-ignored).
 *
 * What n8n does with our translation files, read off n8n 2.40.7: its node-types service reads
 * `<node folder>/translations/<locale>/<node type>.json` and sends it with the node's description
 * (`description.translation`); the editor then files it under the i18n key `n8n-nodes-base.nodes.<node type
 * without "n8n-nodes-base.">`, but looks texts up by a dotted path. For a community node the type keeps its
 * package prefix (`n8n-nodes-tanma.tanma`), so the path splits at that dot and the filed translation is never found:
 * the editor shows the English text. The tests below prove each step, so a later n8n that closes the gap fails the
 * last one and tells us to update README and docs/zh-CN.md.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { Demo } from '../lab/demo-instance';
import { DEMO_LOGIN, startDemo } from '../lab/demo-instance';
import { REPO } from '../lab/n8n-instance';
import { CJK, uiStrings } from './helpers/uiText';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBrowser, CHROMIUM_ARGS } = require('../scripts/browser.js') as {
	ensureBrowser: (log?: (m: string) => void) => string;
	CHROMIUM_ARGS: string[];
};

jest.setTimeout(15 * 60 * 1000);

const SHOTS = path.join(REPO, '.cache', 'screenshots');
const log = (m: string) => process.stdout.write(`[editor] ${m}\n`);
const NODE_TYPES = ['tanma', 'tanmaTrigger', 'tanmaPushTrigger'];
const shippedTranslation = (type: string) =>
	JSON.parse(fs.readFileSync(path.join(REPO, 'nodes', 'Tanma', 'translations', 'zh-CN', `n8n-nodes-tanma.${type}.json`), 'utf8')) as {
		nodeView: { resource?: { displayName: string } };
	};

let demo: Demo;
let browser: Browser;
let page: Page;
/** Every node-types answer the editor received (its POST /rest/node-types). */
const editorNodeTypes: Array<{ name: string; translation?: unknown }> = [];

beforeAll(async () => {
	const executablePath = ensureBrowser(log);
	fs.mkdirSync(SHOTS, { recursive: true });
	demo = await startDemo({ env: { N8N_DEFAULT_LOCALE: 'zh-CN' }, log });
	browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
	page.on('response', async (response) => {
		if (response.url().endsWith('/rest/node-types') && response.request().method() === 'POST') {
			const body = (await response.json().catch(() => undefined)) as { data?: Array<{ name: string; translation?: unknown }> } | undefined;
			editorNodeTypes.push(...(body?.data ?? []));
		}
	});
});

afterAll(async () => {
	await browser?.close();
	await demo?.stop();
});

test("n8n's node-types answer carries our zh-CN translation beside the English description", async () => {
	const login = await fetch(`${demo.n8n.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: DEMO_LOGIN.email, password: DEMO_LOGIN.password }),
	});
	expect(login.status).toBe(200);
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	const answer = await fetch(`${demo.n8n.baseUrl}/rest/node-types`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', cookie },
		body: JSON.stringify({ nodeInfos: NODE_TYPES.map((type) => ({ name: `n8n-nodes-tanma.${type}`, version: 1 })) }),
	});
	const { data } = (await answer.json()) as { data: Array<{ name: string; translation?: unknown; properties: [] }> };
	expect(data.map((d) => d.name)).toEqual(NODE_TYPES.map((type) => `n8n-nodes-tanma.${type}`));
	for (const [i, type] of NODE_TYPES.entries()) {
		const { translation, ...description } = data[i];
		expect(translation).toEqual(shippedTranslation(type));
		expect(uiStrings(description).filter((s) => CJK.test(s.text))).toEqual([]);
	}
});

test('log in, open every example, open its Tanma node (executing it where it runs on its own), screenshot each', async () => {
	await page.goto(`${demo.n8n.baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(DEMO_LOGIN.email);
	await page.locator('input[name="password"], input[type="password"]').first().fill(DEMO_LOGIN.password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });

	// The Tanma node opened in each example; `run`: executing it needs nothing but the sandbox.
	const plan: Record<string, { node: string; run: boolean }> = {
		'daily-tagged-customers-mass-send.json': { node: 'Search Tagged Customers', run: true },
		'follow-up-to-work-order.json': { node: 'New Follow-Up', run: true },
		'push-customer-lookup.json': { node: 'Get Customer', run: false },
		'sales-assistant.json': { node: 'Look Up Customer', run: false },
	};
	expect(Object.keys(plan).sort()).toEqual(demo.examples.map((e) => e.file));
	for (const { file, workflow } of demo.examples) {
		const { node, run } = plan[file];
		expect(workflow.nodes.map((n) => n.name)).toContain(node);
		await page.goto(`${demo.n8n.baseUrl}/workflow/${workflow.id}`);
		const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
		await canvasNode.waitFor({ timeout: 60_000 });
		await page.screenshot({ path: path.join(SHOTS, `${file}.canvas.png`) });
		await canvasNode.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		if (run) {
			await ndv.locator('[data-test-id="node-execute-button"]').first().click();
			await ndv.getByText(/\d+ items?/).first().waitFor({ timeout: 60_000 });
		}
		await page.screenshot({ path: path.join(SHOTS, `${file}.node.png`) });
		await page.keyboard.press('Escape');
	}
	expect(fs.readdirSync(SHOTS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(demo.examples.length * 2);
});

test('zh-CN in the editor: the translation reaches the browser, and n8n 2.40.7 still shows the English labels', async () => {
	const translated = editorNodeTypes.filter((d) => d.name.startsWith('n8n-nodes-tanma.') && d.translation);
	expect(translated.length).toBeGreaterThan(0);
	const example = demo.examples.find((e) => e.file === 'daily-tagged-customers-mass-send.json')!;
	await page.goto(`${demo.n8n.baseUrl}/workflow/${example.workflow.id}`);
	await page.locator('[data-test-id="canvas-node"][data-node-name="Search Tagged Customers"]').dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ timeout: 30_000 });
	await page.screenshot({ path: path.join(SHOTS, 'zh-CN.tanma-node.png') });
	const text = await ndv.innerText();
	const chineseResource = shippedTranslation('tanma').nodeView.resource!.displayName;
	expect({ english: text.includes('Resource'), chinese: text.includes(chineseResource) }).toEqual({ english: true, chinese: false });
});
