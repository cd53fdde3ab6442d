// Debian packages the tests need (queue-mode servers, the browser), installed by the project itself:
// apt-get as root when a program is missing; otherwise an error that says what to install.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { withInstallLock } = require('./install-lock');

function which(name) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, name);
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** apt-get install `packages` (as root); `why` says in the error what needs them when we cannot. */
function installDebianPackages(packages, why, log = (m) => process.stderr.write(`${m}\n`)) {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !which('apt-get')) {
		throw new Error(
			`${why} needs ${packages.join(' and ')}: install them (Debian: apt-get install -y ${packages.join(' ')})`,
		);
	}
	const started = Date.now();
	log(`installing ${packages.join(', ')} from Debian's packages…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

module.exports = { which, installDebianPackages };
