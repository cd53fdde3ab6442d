/** The sandbox's answer to each catalogue endpoint, and the path → endpoint routing, from the catalogue. */
import type { EndpointName } from '../../nodes/Tanma/transport/protocol/endpoints';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Handler } from './common';
import { customersHandlers } from './customers';
import { followUpsHandlers } from './followUps';
import { salesHandlers } from './sales';
import { tasksHandlers } from './tasks';
import { tenantHandlers } from './tenant';

export type { Body, HandlerContext } from './common';
export { VendorFailure } from './common';

export const HANDLERS: Record<EndpointName, Handler> = {
	...customersHandlers,
	...followUpsHandlers,
	...salesHandlers,
	...tasksHandlers,
	...tenantHandlers,
};

/** Path → endpoint name, from the shared catalogue. */
export const ROUTES: ReadonlyMap<string, EndpointName> = new Map(
	(Object.keys(ENDPOINTS) as EndpointName[]).map((name) => [ENDPOINTS[name].path, name]),
);
