/** Tag operations (nodes/Tanma/actions/tag/). */
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run } = t;

test('Tag → Get Tree sends an empty signed body', async () => {
	const result = await run({ resource: 'tag', operation: 'getTree' });
	expect(result.items).toHaveLength(3);
	expect(t.sandbox.requests[0].rawBody).toBe('');
});
