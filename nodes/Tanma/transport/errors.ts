import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TanmaEndpoint } from './protocol/endpoints';
import { vendorPageUrl } from './protocol/endpoints';
import { DEFAULT_RETRY_POLICY, isThrottleMessage } from './retry';

/**
 * What a failed request says of itself, for the code that acts on it (the trigger, the retries, Tenant Check): kept on
 * the error as `tanma`, beside the words users read, so no caller has to read those words back.
 * - vendor: Tanma answered HTTP 200 with a non-zero code
 * - http: an HTTP status outside 2xx
 * - network: no answer; `sent` says whether the request may have reached Tanma ('no': the connection was never made)
 * - malformed: an answer that is not Tanma's JSON envelope
 */
export type TanmaFailure =
	| { kind: 'vendor'; code: string; message: string }
	| { kind: 'http'; status: number; said?: string }
	| { kind: 'network'; code?: string; detail: string; sent: 'no' | 'maybe' }
	| { kind: 'malformed' };

export type TanmaError = NodeApiError & { readonly tanma: TanmaFailure };

function carrying(error: NodeApiError, tanma: TanmaFailure): TanmaError {
	// Not enumerable: n8n shows and stores the error as before.
	Object.defineProperty(error, 'tanma', { value: tanma, enumerable: false });
	return error as TanmaError;
}

/** The failure a Tanma request error carries, if `error` is one. */
export function tanmaFailureOf(error: unknown): TanmaFailure | undefined {
	return error instanceof NodeApiError ? (error as Partial<TanmaError>).tanma : undefined;
}

/** What a failure says in one line, for a log or a report: the error's own message (a Tanma error's names the code). */
export function failureText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

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

/**
 * What to do when Tanma says it is busy or limiting requests: slow down, not check the edition (the endpoint is
 * there; it refused this request only).
 */
export function busyHint(askedMs?: number): string {
	const asked =
		askedMs === undefined
			? ''
			: ` It asked to wait ${Math.ceil(askedMs / 1000)} s before the next request.`;
	return (
		`Tanma is busy or limiting this app's requests, and refused this one.${asked} Slow down: lower Max Parallel ` +
		`Requests where the operation has it, or set Max Requests per Second in the Tanma API credential (shared by ` +
		`every Tanma node of this n8n; each queue-mode worker on its own); then run it again.`
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
): TanmaError {
	const busy = isThrottleMessage(vendorMessage);
	const hint = busy ? busyHint() : vendorHint(code);
	const response: JsonObject = { code: String(code), message: vendorMessage };
	return carrying(
		new NodeApiError(node, response, {
			message: `Tanma error ${code}: ${vendorMessage || 'no message'}`,
			description: hint ?? refusalHint(endpoint, `code ${code}`),
			httpCode: String(code),
			itemIndex,
			...(busy ? { failure: { cause: 'rate-limited' as const } } : {}),
		}),
		{ kind: 'vendor', code: String(code), message: vendorMessage },
	);
}

export function httpStatusError(
	node: INode,
	status: number,
	bodyText: string,
	itemIndex?: number,
	endpoint?: FailedEndpoint,
	/** How long a Retry-After header asked to wait, if it did. */
	askedMs?: number,
): TanmaError {
	const excerpt = bodyText.length > 300 ? `${bodyText.slice(0, 300)}…` : bodyText;
	const error = new NodeApiError(
		node,
		{ status: String(status), body: excerpt },
		{
			message: `Tanma answered HTTP ${status}`,
			description:
				status === 404
					? 'The path was not found. Check the Base URL in the Tanma API credential.'
					: status === 429
						? busyHint(askedMs)
						: status === 401 || status === 403
							? `${excerpt ? `Tanma said: ${excerpt}. ` : ''}${refusalHint(endpoint, `HTTP ${status}`)}`
							: excerpt || undefined,
			httpCode: String(status),
			itemIndex,
			...(status === 429
				? { failure: { cause: 'rate-limited' as const, retryAfterMs: askedMs } }
				: {}),
		},
	);
	return carrying(error, { kind: 'http', status, said: excerpt || undefined });
}

export function malformedResponseError(
	node: INode,
	bodyText: string,
	itemIndex?: number,
): TanmaError {
	const excerpt = bodyText.length > 300 ? `${bodyText.slice(0, 300)}…` : bodyText;
	const error = new NodeApiError(
		node,
		{ body: excerpt },
		{
			message: 'Tanma returned a response that is not a Tanma JSON envelope',
			description: `Check the Base URL in the Tanma API credential. Response started with: ${excerpt || '(empty)'}`,
			itemIndex,
		},
	);
	return carrying(error, { kind: 'malformed' });
}

/**
 * Network failures that happen before a request can have reached Tanma: no address, no connection, or a TLS
 * handshake refused before anything was sent. Anything else (a reset, a timeout, a dropped answer) may come after
 * Tanma received the request.
 */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EAI_NONAME',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_INVALID_URL',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

export function mayHaveBeenSent(networkCode: string | undefined): boolean {
	return networkCode === undefined || !NOT_SENT_CODES.has(networkCode);
}

/** No answer: what happened to the request, said so the user knows whether it may have taken effect. */
export function networkError(
	node: INode,
	code: string | undefined,
	detail: string,
	itemIndex?: number,
	/** The endpoint called: a write whose answer was lost may have been carried out. */
	endpoint?: FailedEndpoint & Pick<TanmaEndpoint, 'read' | 'repeat'>,
): TanmaError {
	const sent = mayHaveBeenSent(code);
	const what = code ?? 'network error';
	let message: string;
	let description: string;
	if (!sent) {
		message = `Could not reach Tanma (${what})`;
		description = `${detail}. Nothing was sent. Check the Base URL in the Tanma API credential and this machine's network access.`;
	} else if (!endpoint || endpoint.read) {
		message = `Tanma did not answer (${what})`;
		description = `${detail}. The request was sent and the connection ended before an answer${endpoint ? ` (reads are tried again up to ${DEFAULT_RETRY_POLICY.retries} times)` : ''}. Run it again later; if it keeps happening, check this machine's network and any proxy between it and Tanma.`;
	} else {
		message = `The request was sent, but Tanma's answer was lost (${what}): Tanma may have carried it out`;
		description = `${detail}. ${lostAnswerAdvice(endpoint)}`;
	}
	const error = new NodeApiError(
		node,
		{ code: code ?? 'NETWORK', message: detail },
		{ message, description, itemIndex },
	);
	// n8n puts its own words on common network codes ("…you can retry the request immediately"), wrong for a write
	// whose answer was lost: ours say what happened to this request.
	error.message = message;
	return carrying(error, { kind: 'network', code, detail, sent: sent ? 'maybe' : 'no' });
}

/** What to do after a write whose answer was lost, from what the catalogue says a repeat of it does. */
export function lostAnswerAdvice(endpoint: Pick<TanmaEndpoint, 'path' | 'repeat'>): string {
	const repeat = endpoint.repeat;
	if (repeat?.safe) return `Running it again is safe: ${repeat.why}.`;
	const check = repeat
		? `look in Tanma for ${repeat.creates} made just now: running it again would make another`
		: `check in Tanma whether ${endpoint.path} took effect: Tanma may not tell a repeat apart`;
	return `Writes are never sent twice automatically. Before running it again, ${check}. Do not turn on Retry On Fail for this node.`;
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
