/** CI on every change (.github/workflows/ci.yml): it runs .ci/run, which runs the README's test command. */
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';

const REPO = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');

test('ci.yml runs on every push and pull request, on Debian as root, and its one test step is .ci/run', () => {
	const ci = YAML.parse(read('.github/workflows/ci.yml')) as {
		on: Record<string, unknown>;
		jobs: Record<
			string,
			{
				container: string;
				steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown> }>;
			}
		>;
	};
	expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
	const [job] = Object.values(ci.jobs);
	expect(job.container).toMatch(/^node:20-bookworm$/);
	expect(job.steps.filter((s) => s.run).map((s) => s.run)).toEqual(['.ci/run']);
	expect(
		job.steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version'],
	).toBe(20);
	// The n8n cache key follows the file that pins the releases.
	expect(String(job.steps.find((s) => s.uses?.startsWith('actions/cache'))?.with?.key)).toContain(
		'scripts/n8n-runtime.js',
	);
});

test('.ci/run ends with the test command the README gives, and the README gives npm test', () => {
	const run = read('.ci/run').trim().split('\n');
	expect(run[run.length - 1]).toBe('npm test');
	expect(read('README.md')).toMatch(/```(?:sh|bash)?\nnpm test\n```/);
});
