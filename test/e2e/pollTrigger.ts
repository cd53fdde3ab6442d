/**
 * The Tanma Trigger in the shared real n8n (./shared.ts), published on the running n8n: follow-ups written after
 * activation reach the workflow once each, and the next poll adds nothing. (Each n8n poll scheduler, with a restart,
 * is test/e2e-schedulers.test.ts; queue mode test/e2e-queue.test.ts.)
 */
import { waitFor } from '../../lab/n8n-instance';
import { triggerWorkflow } from '../../lab/workflows';
import type { Shared } from './shared';
import { executionsSettled, publish, sinkUrl } from './shared';

export function describePollTrigger(shared: Shared): void {
	test('the polling trigger delivers follow-ups written after activation, each exactly once; one more poll adds nothing', async () => {
		const s = shared();
		const { sandbox } = s.demo;
		// Start From an instant before publishing, so the records written after it count however late the first poll runs.
		const workflow = triggerWorkflow(sinkUrl(s), new Date().toISOString());
		await publish(s, workflow);
		try {
			const written = sandbox.tenant.customers
				.slice(0, 3)
				.flatMap((c) => sandbox.addFollowUps(c.externalUserId, [`e2e ${c.externalUserId}`]));
			const followUps = () =>
				sandbox.sink.filter((x) => (x as { event?: string }).event === 'followUp') as Array<{
					id: number;
				}>;
			const searches = () =>
				sandbox.requests.filter((r) => r.path === '/api/v3/customer/search').length;
			await waitFor(
				() => followUps().length >= written.length,
				150_000,
				() => `the follow-ups to arrive; n8n log:\n${s.demo.n8n.log.slice(-2000)}`,
			);
			// One more poll (a new search at the sandbox) and its executions, if any, must not repeat anything.
			const polled = searches();
			await waitFor(
				() => searches() > polled,
				90_000,
				() => 'one more poll',
			);
			await executionsSettled(s, workflow.id);
			expect(
				followUps()
					.map((x) => x.id)
					.sort(),
			).toEqual(written.map((f) => f.id).sort());
		} finally {
			await s.demo.n8n.deactivateWorkflow(s.cookie, workflow.id);
		}
	});
}
