/**
 * n8n's author tool, `n8n-node lint` (scripts/n8n-node-lint.mjs, the pinned @n8n/node-cli), passes on the
 * package in strict mode; and it does fail on a planted console call and on a changed eslint config, so a pass
 * means something.
 */
import { spawnSync } from 'child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

jest.setTimeout(5 * 60 * 1000);

const root = join(__dirname, '..', '..');
const PARTS = ['package.json', 'tsconfig.json', 'eslint.config.mjs', 'nodes', 'credentials'];
const lint = (...args: string[]) => {
	const run = spawnSync(process.execPath, [join(root, 'scripts', 'n8n-node-lint.mjs'), ...args], { cwd: root, encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
};
const copyOfPackage = () => {
	const copy = mkdtempSync(join(tmpdir(), 'tanma-n8n-node-lint-bad-'));
	for (const part of PARTS) cpSync(join(root, part), join(copy, part), { recursive: true });
	return copy;
};

test('the package is in strict mode with n8n-node’s default eslint config, and n8n-node lint passes on it', () => {
	expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).n8n.strict).toBe(true);
	const template = readFileSync(join(root, 'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs'), 'utf8');
	expect(readFileSync(join(root, 'eslint.config.mjs'), 'utf8')).toBe(template);
	const { status, output } = lint();
	expect({ status, output: status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
	expect(output).toContain('n8n-node lint');
});

test('a node that writes to the console fails n8n-node lint, naming the rule', () => {
	const copy = copyOfPackage();
	appendFileSync(join(copy, 'nodes', 'Tanma', 'helpers', 'body.ts'), "\nexport const leak = () => console.log('x');\n");
	const { status, output } = lint('--from', copy);
	expect(status).not.toBe(0);
	expect(output).toMatch(/no-console/);
});

test('a changed eslint config is a strict-mode violation', () => {
	const copy = copyOfPackage();
	appendFileSync(join(copy, 'eslint.config.mjs'), '\nexport const extra = 1;\n');
	const { status, output } = lint('--from', copy);
	expect(status).not.toBe(0);
	expect(output).toMatch(/Strict mode violation/);
});
