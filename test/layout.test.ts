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
