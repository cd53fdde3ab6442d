// Prints, after the run, each suite's wall time (slowest first, and which ones start a real n8n), the tests that took
// 20 s or more (where a real-n8n suite spends its time), and one plain closing line ("jest: N passed, N failed")
// that CI can read, whatever jest's own format. TEST_TIMINGS_FILE, if set, also gets the timings as JSON
// (docs/testing.md: how the committed baseline was made).
const fs = require('fs');
const path = require('path');

const SLOW_TEST_MS = 20_000;

class SummaryReporter {
	onRunComplete(_contexts, results) {
		const suites = results.testResults
			.map((r) => ({
				suite: path.relative(process.cwd(), r.testFilePath),
				seconds: Math.round((r.perfStats.end - r.perfStats.start) / 100) / 10,
				tests: r.numPassingTests + r.numFailingTests,
				failed: r.numFailingTests,
				slowTests: r.testResults
					.filter((t) => (t.duration ?? 0) >= SLOW_TEST_MS)
					.map((t) => ({ test: t.fullName, seconds: Math.round(t.duration / 100) / 10 })),
			}))
			.sort((a, b) => b.seconds - a.seconds);
		const total = (kind) => Math.round(suites.filter(kind).reduce((sum, s) => sum + s.seconds, 0));
		const realN8n = (s) => /\/e2e[^/]*\.test\.ts$/.test(s.suite);
		const lines = suites.map(
			(s) =>
				`${String(s.seconds).padStart(7)} s  ${s.suite}${s.failed ? `  (${s.failed} failed)` : ''}`,
		);
		const slow = suites
			.flatMap((s) => s.slowTests.map((t) => ({ ...t, suite: s.suite })))
			.sort((a, b) => b.seconds - a.seconds)
			.map((t) => `${String(t.seconds).padStart(7)} s  ${t.suite}: ${t.test.slice(0, 110)}`);
		process.stdout.write(
			`\nsuite times (wall, slowest first):\n${lines.join('\n')}\n` +
				`tests of ${SLOW_TEST_MS / 1000} s or more:\n${slow.join('\n')}\n` +
				`suites without a real n8n: ${total((s) => !realN8n(s))} s; real-n8n suites: ${total(realN8n)} s\n`,
		);
		// With several workers the suites overlap: the run's own wall time is what a maintainer waits.
		const elapsed = Math.round((Date.now() - results.startTime) / 1000);
		process.stdout.write(`jest wall time: ${elapsed} s\n`);
		if (process.env.TEST_TIMINGS_FILE) {
			fs.writeFileSync(
				process.env.TEST_TIMINGS_FILE,
				`${JSON.stringify({ at: new Date().toISOString(), elapsedSeconds: elapsed, suites }, null, 2)}\n`,
			);
		}
		const skipped = results.numPendingTests + results.numTodoTests;
		process.stdout.write(
			`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
				(skipped ? `, ${skipped} skipped` : '') +
				'\n',
		);
	}
}
module.exports = SummaryReporter;
