/** scripts/side-by-side.js: the checks before jest in `npm test` run at the same time, and any failure fails it. */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'side-by-side.js');

/** A package whose scripts note when they start and end (in ms) and print a few lines, slowly. */
function packageWithScripts(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-side-'));
	const step = (name: string, exitCode: number) =>
		`node -e "const fs=require('fs');fs.appendFileSync('times','${name} start '+Date.now()+'\\\\n');` +
		`for(let i=0;i<3;i++){console.log('${name} line '+i);Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,300)}` +
		`fs.appendFileSync('times','${name} end '+Date.now()+'\\\\n');process.exit(${exitCode})"`;
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({
			name: 'side-by-side-check',
			private: true,
			scripts: { first: step('first', 0), second: step('second', 0), broken: step('broken', 3) },
		}),
	);
	return dir;
}

function sideBySide(
	cwd: string,
	scripts: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [SCRIPT, ...scripts], { cwd });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

const times = (dir: string) =>
	Object.fromEntries(
		fs
			.readFileSync(path.join(dir, 'times'), 'utf8')
			.trim()
			.split('\n')
			.map((line) => {
				const [name, edge, ms] = line.split(' ');
				return [`${name} ${edge}`, Number(ms)];
			}),
	);

test('the scripts run at the same time, each output printed whole, exit 0 when all pass', async () => {
	const dir = packageWithScripts();
	const { code, stdout } = await sideBySide(dir, ['first', 'second']);
	expect(code).toBe(0);
	const t = times(dir);
	// Each takes about 900 ms; side by side, each starts before the other ends.
	expect(t['second start']).toBeLessThan(t['first end']);
	expect(t['first start']).toBeLessThan(t['second end']);
	for (const name of ['first', 'second']) {
		const block = new RegExp(
			`> npm run ${name}: passed in [\\d.]+ s\\n${name} line 0\\n${name} line 1\\n${name} line 2\\n`,
		);
		expect(stdout).toMatch(block);
	}
});

test('one failing script fails the whole, named, after the others have run to their end', async () => {
	const dir = packageWithScripts();
	const { code, stdout, stderr } = await sideBySide(dir, ['first', 'broken']);
	expect(code).toBe(1);
	expect(stdout).toMatch(/> npm run broken: failed \(exit 3\)/);
	expect(stdout).toMatch(/> npm run first: passed/);
	expect(stderr).toBe('failed: npm run broken\n');
	expect(Object.keys(times(dir)).sort()).toEqual([
		'broken end',
		'broken start',
		'first end',
		'first start',
	]);
});
