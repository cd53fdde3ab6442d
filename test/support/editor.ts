/**
 * n8n's editor as a user drives it in the browser walks (test/e2e/editor.ts): the page opened inside the loaded
 * app, a new workflow with the Tanma node, the sandbox credential picked. Screenshots go to .cache/screenshots/.
 */
import path from 'path';
import type { Page } from 'playwright-core';

import { REPO } from '../../lab/n8n-instance';
import { CREDENTIAL_ID } from '../../lab/workflows';

export const SHOTS = path.join(REPO, '.cache', 'screenshots');
const log = (m: string) => process.stdout.write(`[editor] ${m}\n`);

/**
 * Picks the "Tanma sandbox" credential in the open node's details. The shared n8n holds more than one Tanma
 * credential (the push group adds the vendor's), and then n8n leaves the choice to the user.
 */
export async function pickSandboxCredential(page: Page): Promise<void> {
	await page
		.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"]')
		.first()
		.click();
	await page
		.locator(`[data-test-id="node-credentials-select-item-${CREDENTIAL_ID}"]`)
		.first()
		.click();
}

/** Whether the page shows n8n's editor, signed in (a test before this one may have left it there). */
export function inSignedInEditor(page: Page, baseUrl: string): boolean {
	return page.url().startsWith(baseUrl) && !new URL(page.url()).pathname.startsWith('/signin');
}

/**
 * Opens a path of the editor the way a click in it does: its router navigates inside the loaded app, no page load.
 * A load of n8n's editor costs Chromium about 10 s of CPU and n8n one or two, and a whole test run is CPU-bound.
 * A navigation the app cancels (right after signing in it is still redirecting) is asked for again; a page without
 * the loaded editor, or an editor whose router is not found, is loaded instead, and so is a page whose navigation
 * has not ended within 10 s (n8n asking whether to leave unsaved changes). n8n 2.x saves a workflow built on its
 * canvas as it is edited; one imported from a file it does not.
 */
export async function openInEditor(page: Page, baseUrl: string, pathname: string): Promise<void> {
	// Strings: this project compiles without the DOM's types. `__vue_app__` is where Vue keeps the mounted app.
	const push = `(async () => {
		const app = document.querySelector('#app')?.__vue_app__;
		const router = app?.config.globalProperties.$router;
		if (!router) return 'no router';
		const failure = await Promise.race([
			router.push(${JSON.stringify(pathname)}),
			new Promise((resolve) => setTimeout(() => resolve('no answer'), 10000)),
		]);
		return failure ? String(failure.message || failure) : '';
	})()`;
	for (let attempt = 1; inSignedInEditor(page, baseUrl); attempt++) {
		const failure = (await page.evaluate(push)) as string;
		if (failure === '') return;
		if (failure === 'no router' || failure === 'no answer' || attempt === 5) break;
		await page.waitForTimeout(1000);
	}
	await page.goto(`${baseUrl}${pathname}`);
}

/**
 * A new workflow as a user starts one: Trigger manually, then + → "Tanma". n8n lists the action node and the Tanma
 * Trigger as one entry, "Tanma"; it opens on their actions.
 */
export async function newWorkflowWithTanma(
	page: Page,
	baseUrl: string,
	from: 'a saved workflow' | 'unsaved changes',
): Promise<void> {
	const search = page
		.locator(
			'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
		)
		.first();
	// The list re-renders while the search applies, and in a whole run the entry was once never clickable within
	// 30 s on the same page. A retry starts over from a freshly loaded editor, and a failed attempt leaves a
	// screenshot. Done when the canvas shows the trigger.
	for (let attempt = 1; ; attempt++) {
		try {
			if (attempt === 1 && from === 'a saved workflow')
				await openInEditor(page, baseUrl, '/workflow/new');
			else await page.goto(`${baseUrl}/workflow/new`);
			await page.locator('[data-test-id="canvas-add-button"]').first().click({ timeout: 15_000 });
			await search.fill('manual', { timeout: 10_000 });
			await page
				.locator('[data-test-id="item-iterator-item"]')
				.filter({ hasText: 'Trigger manually' })
				.first()
				.click({ timeout: 10_000 });
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 10_000 });
			break;
		} catch (error) {
			await page.screenshot({ path: path.join(SHOTS, `new-workflow.attempt-${attempt}.png`) });
			if (attempt === 3) throw error;
			log(`adding Trigger manually, attempt ${attempt}: ${String(error).split('\n')[0]}`);
		}
	}
	await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
	await search.fill('Tanma');
	const tanma = page.locator('[data-test-id="node-creator-item-name"]', {
		hasText: /^\s*Tanma\s*$/,
	});
	await page.locator('[data-test-id="item-iterator-item"]').filter({ has: tanma }).first().click();
}
