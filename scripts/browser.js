#!/usr/bin/env node
// The browser the editor checks drive: Debian's Chromium, with Debian's CJK fonts so Chinese text renders in
// screenshots. Installed once by apt-get (as root) when missing; playwright-core (npm) drives it and never
// downloads a browser of its own.
// Usage: node scripts/browser.js install   (only the package step; used to warm a machine)
'use strict';
const fs = require('fs');
const { installDebianPackages } = require('./debian-packages');

const CHROMIUM = '/usr/bin/chromium';
const CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';

function hasCjkFonts() {
	return fs.existsSync(CJK_FONT_DIR) && fs.readdirSync(CJK_FONT_DIR).some((f) => /CJK/i.test(f));
}

/** The Chromium executable, after installing what is missing. */
function ensureBrowser(log) {
	const missing = [
		!fs.existsSync(CHROMIUM) && 'chromium',
		!hasCjkFonts() && 'fonts-noto-cjk',
	].filter(Boolean);
	if (missing.length) installDebianPackages(missing, 'the editor check', log);
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
	return CHROMIUM;
}

/**
 * Launch flags for a closed network: without the background-networking ones Chromium keeps opening
 * connections this machine refuses; as root it needs --no-sandbox.
 */
const CHROMIUM_ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

module.exports = { ensureBrowser, CHROMIUM_ARGS };

if (require.main === module) {
	if (process.argv[2] !== 'install') {
		process.stderr.write('usage: node scripts/browser.js install\n');
		process.exit(2);
	}
	process.stdout.write(`${ensureBrowser()}\n`);
}
