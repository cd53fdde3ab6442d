import type { INodeProperties } from 'n8n-workflow';

import type { TanmaEndpoint } from '../transport/protocol/endpoints';

/** The notices and notes an operation shows about its endpoint's standing, made from the catalogue. */

/**
 * The notice above an operation whose endpoint Tanma marks as (to be) deprecated, made from the catalogue's
 * status (none for a current endpoint); `advice` says what to use instead.
 */
export function deprecationNotice(endpoint: TanmaEndpoint, advice: string): INodeProperties[] {
	if (endpoint.status === 'deprecated') {
		return [
			{
				displayName: `Tanma marks this endpoint as deprecated. It still answers; ${advice}`,
				name: 'deprecatedNotice',
				type: 'notice',
				default: '',
			},
		];
	}
	if (endpoint.status === 'toBeDeprecated') {
		return [
			{
				displayName: `Tanma marks this endpoint as to be deprecated. ${advice}`,
				name: 'toBeDeprecatedNotice',
				type: 'notice',
				default: '',
			},
		];
	}
	return [];
}

/**
 * The notice above an operation whose endpoint is known only from Tanma's own client code (the catalogue's
 * `source`), none for a documented one; `detail` adds what else the user should know.
 */
export function clientKnownNotice(endpoint: TanmaEndpoint, detail = ''): INodeProperties[] {
	if (endpoint.source !== 'client') return [];
	const text = `Known from Tanma’s own client code, not from a published page (${endpoint.path}): Tanma may change it.`;
	return [
		{
			displayName: detail ? `${text} ${detail}` : text,
			name: 'clientKnownNotice',
			type: 'notice',
			default: '',
		},
	];
}

/**
 * The notice above a write: whether running it again is safe (the catalogue's `repeat`), and where it is not, why
 * Retry On Fail must stay off (n8n runs every input item again, those already carried out included).
 */
export function repeatNotice(endpoint: TanmaEndpoint): INodeProperties[] {
	const repeat = endpoint.repeat;
	if (!repeat) return [];
	return [
		{
			displayName: repeat.safe
				? `Safe to run again: ${repeat.why}.`
				: `Every run creates ${repeat.creates}: Tanma cannot tell a repeat apart. Leave Retry On Fail (node Settings) off: n8n would run every item again, those already sent included. If a run ends with "Tanma may have carried it out", look in Tanma before running it again.`,
			name: 'repeatNotice',
			type: 'notice',
			default: '',
		},
	];
}

/** The end of an operation's description in the operation list: its endpoint's vendor status, if not current. */
export function statusNote(endpoint: TanmaEndpoint): string {
	if (endpoint.status === 'deprecated') return ' (deprecated by Tanma)';
	if (endpoint.status === 'toBeDeprecated') return ' (to be deprecated by Tanma)';
	return '';
}
