/** Every file path the user and maintainer pages name exists, so a move or rename cannot leave a page pointing nowhere. */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, normalize } from 'path';

const root = join(__dirname, '..');
const pages = [
	'README.md',
	...readdirSync(join(root, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
];

/** Paths a page names: link targets, and code spans that look like a repository path (a known top folder, or a file with an extension). */
function pathsNamedIn(page: string): Array<{ path: string; from: string }> {
	const text = readFileSync(join(root, page), 'utf8');
	const found: Array<{ path: string; from: string }> = [];
	for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
		if (/^[a-z]+:/.test(target)) continue; // a web address
		found.push({ path: normalize(join(dirname(page), target)), from: `link ${target}` });
	}
	const TOP =
		/^(nodes|credentials|sandbox|lab|bench|scripts|test|docs|examples|vendor-examples|\.ci|\.github)\//;
	for (const [, span] of text.matchAll(/`([^`\s]+)`/g)) {
		const candidate = span.replace(/[.,:;]+$/, '');
		if (/[*<>{}$…]|\.\.\.|^[~/]/.test(candidate)) continue; // a pattern, a placeholder or a URL path
		if (TOP.test(candidate)) found.push({ path: normalize(candidate), from: `code ${span}` });
		else if (/^[\w./-]+\.(ts|js|mjs|json|md|png)$/.test(candidate) && candidate.includes('/')) {
			// A path relative to the folder the page talks about (test/…, nodes/Tanma/…), or to the repository.
			found.push({ path: normalize(candidate), from: `code ${span}` });
		}
	}
	return found;
}

/** Where a path named relative to a folder the page is about may live. */
const BASES = [
	'',
	'nodes/Tanma/',
	'test/',
	'bench/results/',
	'nodes/Tanma/translations/zh-CN/',
	'dist/',
];
const exists = (path: string) =>
	BASES.some((base) => existsSync(join(root, base, path))) ||
	path.startsWith('dist/') ||
	path.startsWith('.cache/') ||
	path.startsWith('.n8n-demo');

test.each(pages)('%s: every file path it names exists', (page) => {
	const named = pathsNamedIn(page);
	const missing = named.filter((n) => !exists(n.path)).map((n) => `${n.from} → ${n.path}`);
	expect(missing).toEqual([]);
});

test('the check reads the pages it should (and finds paths in them)', () => {
	expect(pages).toEqual(
		expect.arrayContaining([
			'README.md',
			'docs/architecture.md',
			'docs/development.md',
			'docs/testing.md',
		]),
	);
	expect(pathsNamedIn('docs/architecture.md').length).toBeGreaterThan(20);
	expect(pathsNamedIn('README.md').length).toBeGreaterThan(5);
});
