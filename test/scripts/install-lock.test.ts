/** scripts/install-lock.js: suites in parallel workers install a runtime once; a lock whose owner died is taken over. */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const LOCK_MODULE = path.resolve(__dirname, '..', '..', 'scripts', 'install-lock.js');

/** A process that installs (appends its pid to `log`, slowly) under the lock unless the marker says it is done. */
function installer(dir: string): Promise<number> {
	const code = `
		const fs = require('fs');
		const { withInstallLock } = require(${JSON.stringify(LOCK_MODULE)});
		const marker = ${JSON.stringify(path.join(dir, 'ready'))};
		withInstallLock(${JSON.stringify(path.join(dir, 'lock'))}, () => fs.existsSync(marker), () => {
			fs.appendFileSync(${JSON.stringify(path.join(dir, 'log'))}, process.pid + '\\n');
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
			fs.writeFileSync(marker, 'ok');
		});`;
	return new Promise((resolve) =>
		spawn(process.execPath, ['-e', code], { stdio: 'ignore' }).on('exit', (c) => resolve(c ?? -1)),
	);
}

test('three processes at once: one installs, the others wait and find it done', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-lock-'));
	expect(await Promise.all([installer(dir), installer(dir), installer(dir)])).toEqual([0, 0, 0]);
	expect(fs.readFileSync(path.join(dir, 'log'), 'utf8').trim().split('\n')).toHaveLength(1);
	expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
});

test('a lock left by a process that died is taken over', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tanma-lock-'));
	fs.mkdirSync(path.join(dir, 'lock'));
	fs.writeFileSync(path.join(dir, 'lock', 'pid'), '999999'); // no such process
	expect(await installer(dir)).toBe(0);
	expect(fs.readFileSync(path.join(dir, 'log'), 'utf8').trim().split('\n')).toHaveLength(1);
});
