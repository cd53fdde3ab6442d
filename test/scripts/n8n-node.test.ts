/**
 * n8n's author tool (scripts/n8n-node.mjs, the pinned @n8n/node-cli). `n8n-node lint` passes on the package in
 * strict mode, and does fail on a planted console call and on a changed eslint config, so a pass means something.
 * `n8n-node build` makes the files `npm run build` makes, but for declarations (ours) and source maps (theirs);
 * test/e2e/build.ts runs both builds in real n8n.
 */
import { spawnSync } from 'child_process';
import {
	appendFileSync,
	cpSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

jest.setTimeout(5 * 60 * 1000);

const root = join(__dirname, '..', '..');
const PARTS = ['package.json', 'tsconfig.json', 'eslint.config.mjs', 'nodes', 'credentials'];
const n8nNode = (...args: string[]) => {
	const run = spawnSync(process.execPath, [join(root, 'scripts', 'n8n-node.mjs'), ...args], {
		cwd: root,
		encoding: 'utf8',
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
};
const copyOfPackage = () => {
	const copy = mkdtempSync(join(tmpdir(), 'tanma-n8n-node-lint-bad-'));
	for (const part of PARTS) cpSync(join(root, part), join(copy, part), { recursive: true });
	return copy;
};

test('the package is in strict mode with n8n-node’s default eslint config, and n8n-node lint passes on it', () => {
	expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).n8n.strict).toBe(true);
	const template = readFileSync(
		join(
			root,
			'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
		),
		'utf8',
	);
	expect(readFileSync(join(root, 'eslint.config.mjs'), 'utf8')).toBe(template);
	const { status, output } = n8nNode('lint');
	expect({ status, output: status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
	expect(output).toContain('n8n-node lint');
});

test('a node that writes to the console fails n8n-node lint, naming the rule', () => {
	const copy = copyOfPackage();
	appendFileSync(
		join(copy, 'nodes', 'Tanma', 'helpers', 'body.ts'),
		"\nexport const leak = () => console.log('x');\n",
	);
	const { status, output } = n8nNode('lint', '--from', copy);
	expect(status).not.toBe(0);
	expect(output).toMatch(/no-console/);
});

test('a changed eslint config is a strict-mode violation', () => {
	const copy = copyOfPackage();
	appendFileSync(join(copy, 'eslint.config.mjs'), '\nexport const extra = 1;\n');
	const { status, output } = n8nNode('lint', '--from', copy);
	expect(status).not.toBe(0);
	expect(output).toMatch(/Strict mode violation/);
});

function filesUnder(dir: string, prefix = ''): string[] {
	return readdirSync(join(dir, prefix)).flatMap((name) => {
		const path = prefix ? `${prefix}/${name}` : name;
		return statSync(join(dir, path)).isDirectory() ? filesUnder(dir, path) : [path];
	});
}

test('n8n-node build makes our files: the same JavaScript, JSON data and icons; declarations only in ours, source maps only in theirs', () => {
	const { status, output } = n8nNode('build');
	expect(status).toBe(0);
	const folder = /built package: (.+)/.exec(output)![1].trim();
	try {
		const ours = join(root, 'dist');
		const theirs = join(folder, 'dist');
		const oursFiles = filesUnder(ours);
		const theirsFiles = filesUnder(theirs);
		expect(theirsFiles.filter((f) => !f.endsWith('.js.map')).sort()).toEqual(
			oursFiles.filter((f) => !f.endsWith('.d.ts')).sort(),
		);
		expect(theirsFiles.filter((f) => f.endsWith('.js.map'))).toEqual(
			theirsFiles.filter((f) => f.endsWith('.js')).map((f) => `${f}.map`),
		);
		const differing = theirsFiles
			.filter((f) => !f.endsWith('.js.map'))
			.filter((f) => {
				const a = readFileSync(join(ours, f), 'utf8');
				const b = readFileSync(join(theirs, f), 'utf8');
				// tsc re-indents the JSON it emits; the source map comment is the only other line tsc adds.
				if (f.endsWith('.json'))
					return JSON.stringify(JSON.parse(a)) !== JSON.stringify(JSON.parse(b));
				if (f.endsWith('.js')) return a !== b.replace(/\/\/# sourceMappingURL=\S+\.js\.map$/, '');
				return a !== b;
			});
		expect(differing).toEqual([]);
		// What n8n needs beside the code (codex, translations, both icons) is among the files compared.
		for (const asset of [
			'Tanma.node.json',
			'translations/zh-CN/tanma.json',
			'tanma.svg',
			'tanma.dark.svg',
		])
			expect(theirsFiles).toContain(`nodes/Tanma/${asset}`);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
});
