/**
 * End to end in one real n8n (the pinned 2.x release on its Node 24 runtime), shared by every group that does not
 * need an n8n of its own: the demo instance (lab/demo-instance.ts: our package packed once and installed from the
 * tarball like a user install, the sandbox with its credential, every example, the owner), in zh-CN for the editor's
 * checks, which change nothing for the others. Groups (test/e2e/): the action node and the examples, the credential
 * and the Push Trigger, the polling trigger, an MCP client, the editor in a real browser, and our build beside
 * n8n-node's. Workflows are created, run and published on the running n8n through its REST API (no CLI boot each),
 * and every wait is on n8n's executions or the sandbox, never a fixed sleep.
 *
 * Suites with an n8n of their own: e2e-push (a crash and a restart), e2e-schedulers, e2e-queue, e2e-dev, e2e-n8n1.
 */
import type { SharedN8n } from './e2e/shared';
import { DEMO_LOGIN, startDemo } from '../lab/demo-instance';
import { describeActions } from './e2e/actions';
import { describeBuild } from './e2e/build';
import { describeEditor } from './e2e/editor';
import { describeMcp } from './e2e/mcp';
import { describeLargeTenantOutcome, describePollTrigger } from './e2e/pollTrigger';
import { describePushes } from './e2e/pushes';

jest.setTimeout(15 * 60 * 1000);

const log = (m: string) => process.stdout.write(`[e2e] ${m}\n`);
let shared: SharedN8n | undefined;
const current = (): SharedN8n => {
	if (!shared) throw new Error('the shared n8n starts in beforeAll');
	return shared;
};

beforeAll(async () => {
	const demo = await startDemo({ env: { N8N_DEFAULT_LOCALE: 'zh-CN' }, log });
	shared = { demo, cookie: await demo.n8n.ownerCookie(DEMO_LOGIN), log };
});

afterAll(async () => {
	await shared?.demo.stop();
});

describe('the action node and the examples', () => describeActions(current));
describe('the credential and the Push Trigger', () => describePushes(current));
describe('the polling trigger', () => describePollTrigger(current));
describe('Tanma over MCP', () => describeMcp(current));
describe('the editor in a real browser', () => describeEditor(current));
describe('our build beside n8n-node build', () => describeBuild(current));
describe('the polling trigger: the large tenant, checked last', () =>
	describeLargeTenantOutcome(current));
