/**
 * Every file path the user and maintainer pages name exists, and every file the code's comments name, so a move or
 * rename cannot leave a page or a comment pointing nowhere.
 */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { basename, dirname, join, normalize } from 'path';

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
		else if (/^[\w./-]+\.(ts|js|mjs|json|md|png)$/.test(candidate)) {
			// A path relative to the folder the page talks about (test/…, nodes/Tanma/…), or to the repository; a bare
			// file name, a file somewhere in the repository.
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
/** The repository's files, tracked or new (not ignored), by base name: a bare file name is found among them. */
const fileNames = new Set(
	execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
		cwd: root,
		encoding: 'utf8',
	})
		.split('\n')
		.filter(Boolean)
		.map((file) => basename(file)),
);
const exists = (path: string) =>
	// Outside the repository is missing, whatever lies beside this checkout.
	(!path.startsWith('..') && BASES.some((base) => existsSync(join(root, base, path)))) ||
	(!path.includes('/') && fileNames.has(path)) ||
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

/** Source files whose comments are read: what ships, and what maintainers run. */
const SOURCES = ['nodes', 'credentials', 'sandbox', 'lab', 'bench', 'scripts'];
function sourceFiles(dir: string): string[] {
	return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const path = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
		return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
	});
}

/** Files a comment names: a repository path (docs/…, test/…), one relative to the file (./x.ts), or a bare file name. */
function filesNamedInComments(file: string): Array<{ path: string; from: string }> {
	const comments = readFileSync(join(root, file), 'utf8')
		.split('\n')
		.filter((line) => /^\s*(\/\/|\/\*|\*)/.test(line) || /\s\/\/\s/.test(line))
		.join('\n');
	const found: Array<{ path: string; from: string }> = [];
	for (const [name] of comments.matchAll(
		/(?:\.{1,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:ts|js|mjs|md)\b/g,
	)) {
		if (/^\d|^(n8n|node|e\.g)\./i.test(name)) continue; // a version or a package, not a file
		const path = name.startsWith('.') ? normalize(join(dirname(file), name)) : normalize(name);
		found.push({ path, from: `${file}: ${name}` });
	}
	return found;
}

test('every file the comments of the code name exists', () => {
	const named = SOURCES.flatMap(sourceFiles).flatMap(filesNamedInComments);
	expect(named.length).toBeGreaterThan(50);
	expect(named.filter((n) => !exists(n.path)).map((n) => n.from)).toEqual([]);
});

test('docs/testing.md reads as a page: no table cell over 300 characters', () => {
	const cells = readFileSync(join(root, 'docs/testing.md'), 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('|'))
		.flatMap((line) => line.split('|').map((cell) => cell.trim()));
	expect(cells.length).toBeGreaterThan(100);
	expect(cells.filter((cell) => [...cell].length > 300)).toEqual([]);
});
