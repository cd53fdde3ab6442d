/** Custom API Call (nodes/Tanma/actions/customApi/). */
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import { actionsAgainstSandbox } from '../support/actions';

const t = actionsAgainstSandbox();
const { run } = t;

test('Custom API Call signs any path with the body as given', async () => {
	const result = await run({
		resource: 'customApi',
		operation: 'call',
		path: ENDPOINTS.staffDepartments.path,
		body: '{"qwUserId":"sales02"}',
		readOnly: true,
	});
	expect(t.sandbox.requests[0].rawBody).toBe('{"qwUserId":"sales02"}');
	expect(result.items.length).toBeGreaterThan(0);
});

test('Custom API Call with Body left empty sends no body at all, signed over ""', async () => {
	const result = await run({
		resource: 'customApi',
		operation: 'call',
		path: ENDPOINTS.tagTree.path,
		body: '  ',
		readOnly: true,
	});
	expect(t.sandbox.requests[0].rawBody).toBe('');
	expect(result.items.length).toBeGreaterThan(0);
});

test('Custom API Call with Body {} sends the two characters {}', async () => {
	await run({
		resource: 'customApi',
		operation: 'call',
		path: ENDPOINTS.tagTree.path,
		body: '{}',
		readOnly: true,
	});
	expect(t.sandbox.requests[0].rawBody).toBe('{}');
});
