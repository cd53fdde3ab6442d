/**
 * n8n's scanner (scripts/n8n-scan.mjs, the pinned @n8n/scan-community-package analyzer) finds nothing in our
 * source tree or in the packed tarball; and it does find a planted violation, so a pass means something.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

jest.setTimeout(5 * 60 * 1000);

const root = join(__dirname, '..', '..');
const scan = (...args: string[]) => {
	const run = spawnSync(process.execPath, [join(root, 'scripts', 'n8n-scan.mjs'), ...args], {
		cwd: root,
		encoding: 'utf8',
	});
	const reports = run.stdout
		.split('\n')
		.filter(Boolean)
		.map(
			(line) =>
				JSON.parse(line) as {
					scanned: string;
					passed: boolean;
					message?: string;
					details?: string;
				},
		);
	return { status: run.status, reports, stderr: run.stderr };
};

test("n8n's scanner passes on the source tree and on the packed tarball (dist/ as built)", () => {
	const { status, reports, stderr } = scan();
	expect({ reports, stderr: status === 0 ? '' : stderr }).toEqual({
		reports: [
			expect.objectContaining({ scanned: root, passed: true }),
			expect.objectContaining({ scanned: 'tarball', passed: true }),
		],
		stderr: '',
	});
	expect(status).toBe(0);
});

test('a copy of our source with a node that reads the environment fails the scan, naming the rule', () => {
	const copy = mkdtempSync(join(tmpdir(), 'tanma-scan-bad-'));
	for (const part of ['package.json', 'nodes', 'credentials'])
		cpSync(join(root, part), join(copy, part), { recursive: true });
	const node = join(copy, 'nodes', 'Tanma', 'Tanma.node.ts');
	writeFileSync(node, `${readFileSync(node, 'utf8')}\nexport const leaked = process.env.HOME;\n`);
	const { status, reports } = scan('--source', copy);
	expect(status).toBe(1);
	expect(reports).toEqual([
		expect.objectContaining({
			passed: false,
			details: expect.stringMatching(/process\.env|no-restricted-globals|environment/i),
		}),
	]);
});
