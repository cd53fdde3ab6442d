import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TanmaEndpoint } from './protocol/endpoints';
import { vendorPageUrl } from './protocol/endpoints';

/** What an error knows of the endpoint it came from. */
export type FailedEndpoint = Pick<TanmaEndpoint, 'path'> &
	Partial<Pick<TanmaEndpoint, 'docPage' | 'editions'>>;

/** What to do about the vendor codes we know (from Tanma's error code table). */
const VENDOR_HINTS: Record<string, string> = {
	'-1': 'Tanma reported a generic failure. Check the values sent; if they look right, try again later.',
	'1002':
		'The signature was rejected: the App ID and App Key do not match. Copy both again from the Tanma admin panel into the Tanma API credential.',
	'1003':
		"This machine's clock differs too much from Tanma's. Sync the n8n host's clock (NTP) and run again.",
	'40417': 'A customer with this phone number already exists in Tanma.',
};

export function vendorHint(code: number | string): string | undefined {
	return VENDOR_HINTS[String(code)];
}

/**
 * What to check when Tanma refuses one endpoint with a code we have no hint for (its code table is unpublished):
 * a tenant's edition or an app's permissions can leave out an endpoint that others answer.
 */
export function refusalHint(endpoint: FailedEndpoint | undefined, refusal: string): string {
	if (!endpoint)
		return `Tanma refused the request (${refusal}; Tanma publishes no table of its codes). See the Tanma OpenAPI documentation.`;
	const page = vendorPageUrl(endpoint);
	const editions = endpoint.editions?.length
		? ` (Tanma's page lists it for the ${endpoint.editions.join(' and ')} editions)`
		: '';
	return (
		`Tanma refused ${endpoint.path} (${refusal}; Tanma publishes no table of its codes). If the values sent are right and other ` +
		`operations work, this tenant may not have this endpoint: check that your Tanma edition includes it${editions} and that ` +
		`this app may call it (Tanma admin panel → Open Platform → Applications), or ask Tanma support.` +
		(page ? ` Tanma's page for it: ${page}` : '')
	);
}

/** HTTP 200 with a non-zero `code`: Tanma's way of reporting a failure. */
export function vendorError(
	node: INode,
	code: number | string,
	vendorMessage: string,
	itemIndex?: number,
	/** The endpoint that answered: a refusal we have no hint for names it and what to check. */
	endpoint?: FailedEndpoint,
): NodeApiError {
	const hint = vendorHint(code);
	const response: JsonObject = { code: String(code), message: vendorMessage };
	return new NodeApiError(node, response, {
		message: `Tanma error ${code}: ${vendorMessage || 'no message'}`,
		description: hint ?? refusalHint(endpoint, `code ${code}`),
		httpCode: String(code),
		itemIndex,
	});
}

export function httpStatusError(
	node: INode,
	status: number,
	bodyText: string,
	itemIndex?: number,
	endpoint?: FailedEndpoint,
): NodeApiError {
	const excerpt = bodyText.length > 300 ? `${bodyText.slice(0, 300)}…` : bodyText;
	return new NodeApiError(
		node,
		{ status: String(status), body: excerpt },
		{
			message: `Tanma answered HTTP ${status}`,
			description:
				status === 404
					? 'The path was not found. Check the Base URL in the Tanma API credential.'
					: status === 401 || status === 403
						? `${excerpt ? `Tanma said: ${excerpt}. ` : ''}${refusalHint(endpoint, `HTTP ${status}`)}`
						: excerpt || undefined,
			httpCode: String(status),
			itemIndex,
		},
	);
}

export function malformedResponseError(
	node: INode,
	bodyText: string,
	itemIndex?: number,
): NodeApiError {
	const excerpt = bodyText.length > 300 ? `${bodyText.slice(0, 300)}…` : bodyText;
	return new NodeApiError(
		node,
		{ body: excerpt },
		{
			message: 'Tanma returned a response that is not a Tanma JSON envelope',
			description: `Check the Base URL in the Tanma API credential. Response started with: ${excerpt || '(empty)'}`,
			itemIndex,
		},
	);
}

export function networkError(
	node: INode,
	code: string | undefined,
	detail: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(
		node,
		{ code: code ?? 'NETWORK', message: detail },
		{
			message: `Could not reach Tanma (${code ?? 'network error'})`,
			description: `${detail}. Check the Base URL in the Tanma API credential and this machine's network access.`,
			itemIndex,
		},
	);
}

/** Our errors pass through (given the item index if they lack one); anything else is wrapped so n8n shows it well. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}
