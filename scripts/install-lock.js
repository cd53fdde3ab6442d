// One install at a time across processes (test suites run in parallel workers): a lock directory holding the
// owner's pid. A waiter polls until the lock is gone, and takes over a lock whose owner process has died.
'use strict';
const fs = require('fs');
const path = require('path');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function ownerAlive(lock) {
	try {
		const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Runs `install` holding `lock` (a directory path); `done()` says whether a previous holder already did it. */
function withInstallLock(lock, done, install, timeoutMs = 30 * 60 * 1000) {
	const deadline = Date.now() + timeoutMs;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			// Give a new holder a moment to write its pid before judging it dead.
			if (!ownerAlive(lock) && fs.existsSync(path.join(lock, 'pid')))
				fs.rmSync(lock, { recursive: true, force: true });
			else if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${lock}`);
			else sleep(1000);
		}
	}
	try {
		fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
		if (!done()) return install();
		return undefined;
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

module.exports = { withInstallLock };
