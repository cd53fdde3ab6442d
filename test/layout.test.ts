/** The tree's rules that keep it easy to move in: product code and tooling never depend on tests. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const root = join(__dirname, '..');

function sources(dir: string): string[] {
	return readdirSync(join(root, dir)).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(join(root, path)).isDirectory()) return sources(path);
		return /\.(ts|js)$/.test(name) ? [path] : [];
	});
}

test('nothing outside test/ imports from test/', () => {
	const outside = ['nodes', 'credentials', 'sandbox', 'lab', 'bench', 'scripts'].flatMap(sources);
	expect(outside.length).toBeGreaterThan(50);
	const offenders = outside.filter((file) => {
		const text = readFileSync(join(root, file), 'utf8');
		return [...text.matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].some(([, spec]) => {
			if (!spec.startsWith('.')) return false;
			return relative(root, join(root, file, '..', spec)).split('/')[0] === 'test';
		});
	});
	expect(offenders).toEqual([]);
});

test('no source or test file is over 400 lines (one concern per file)', () => {
	const files = ['nodes', 'credentials', 'sandbox', 'lab', 'test'].flatMap(sources);
	const long = files
		.map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length }))
		.filter((f) => f.lines > 400)
		.map((f) => `${f.file}: ${f.lines}`);
	expect(long).toEqual([]);
});

/**
 * Where a maintainer finds the test of a source file (docs/architecture.md, "Tests mirror the tree"):
 * `nodes/Tanma/<dir>/<file>.ts` → `test/<dir>/<file>.test.ts`; an operation file
 * `nodes/Tanma/actions/<resource>/<op>.operation.ts` → `test/actions/<resource>.test.ts`; a node
 * `nodes/Tanma/<Node>.node.ts` → `test/<Node>.test.ts`; a credential → `test/credentials/<Name>.test.ts`;
 * `<name>.<aspect>.test.ts` beside them for one concern. The files below are tested through another file's
 * test, which this names; the list is the whole of the exceptions.
 */
export const TESTED_ELSEWHERE: Record<string, string> = {
	'nodes/Tanma/Tanma.node.ts': 'test/actions/router.test.ts',
	'nodes/Tanma/actions/description.ts': 'test/actions/router.test.ts',
	'nodes/Tanma/actions/messageContent.ts': 'test/actions/sopTask.test.ts',
	'nodes/Tanma/actions/fields.ts': 'test/actions/badInput.test.ts',
	'nodes/Tanma/helpers/parallelReads.ts': 'test/actions/lists.test.ts',
	'nodes/Tanma/helpers/parameters.ts': 'test/helpers/validation.test.ts',
	'nodes/Tanma/transport/protocol/pushCrypto.ts': 'test/TanmaPushTrigger.test.ts',
	'nodes/Tanma/trigger/poll/scan.ts': 'test/TanmaTrigger.test.ts',
	'nodes/Tanma/trigger/poll/failures.ts': 'test/TanmaTrigger.largeTenant.test.ts',
	'nodes/Tanma/trigger/poll/description.ts': 'test/trigger/poll/events.test.ts',
	'nodes/Tanma/trigger/poll/run.ts': 'test/TanmaTrigger.test.ts',
	'nodes/Tanma/trigger/push/description.ts': 'test/trigger/push/events.test.ts',
	'nodes/Tanma/trigger/push/receive.ts': 'test/TanmaPushTrigger.test.ts',
	'nodes/Tanma/trigger/push/webhook.ts': 'test/TanmaPushTrigger.test.ts',
	'nodes/Tanma/trigger/poll/sources.ts': 'test/TanmaTrigger.test.ts',
};

function mirrorTestOf(file: string): string {
	const operation = file.match(/^nodes\/Tanma\/actions\/([^/]+)\/[^/]+\.ts$/);
	if (operation) return `test/actions/${operation[1]}.test.ts`;
	const node = file.match(/^nodes\/Tanma\/(\w+)\.node\.ts$/);
	if (node) return `test/${node[1]}.test.ts`;
	const credential = file.match(/^credentials\/(\w+)\.credentials\.ts$/);
	if (credential) return `test/credentials/${credential[1]}.test.ts`;
	return file.replace(/^nodes\/Tanma\//, 'test/').replace(/\.ts$/, '.test.ts');
}

test('every source file has its mirror test, or is listed with the test that covers it (and only then)', () => {
	const files = ['nodes', 'credentials'].flatMap(sources).filter((f) => f.endsWith('.ts'));
	expect(files.length).toBeGreaterThan(80);
	const exists = (path: string) => {
		try {
			return statSync(join(root, path)).isFile();
		} catch {
			return false;
		}
	};
	const untested = files.filter((f) => !exists(mirrorTestOf(f)) && !(f in TESTED_ELSEWHERE));
	expect(untested).toEqual([]);
	const needless = Object.keys(TESTED_ELSEWHERE).filter(
		(f) => !files.includes(f) || exists(mirrorTestOf(f)),
	);
	expect(needless).toEqual([]);
	// The named test reaches the file: it imports it, the node whose description or logic it is, or the harness
	// that runs that node (test/support/).
	for (const [file, test] of Object.entries(TESTED_ELSEWHERE)) {
		const text = readFileSync(join(root, test), 'utf8');
		const module = file.replace(/^nodes\/Tanma\//, '').replace(/\.ts$/, '');
		const node = /trigger\/(poll|sources)/.test(file)
			? 'TanmaTrigger.node'
			: /trigger\/push|transport\/push/.test(file)
				? 'TanmaPushTrigger.node'
				: 'Tanma.node';
		expect([
			test,
			text.includes(module) || text.includes(node) || /support\/(actions|trigger|push)'/.test(text),
		]).toEqual([test, true]);
	}
});
