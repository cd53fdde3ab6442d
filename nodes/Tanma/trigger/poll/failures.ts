import type { IPollFunctions } from 'n8n-workflow';

import { failureText, tanmaFailureOf } from '../../transport/errors';
import { formatTanmaTime } from '../../transport/protocol/time';
import { isThrottleMessage } from '../../transport/retry';
import type { TriggerSource } from './sources';
import type { FailureVerdict, GivenUp, PlannedRead } from './units';
import { GIVE_UP_MS, PARKED_RETRY_MS, saysDoesNotExist } from './units';

/** What the trigger makes of a failed read of one unit (a customer, a lead), and what it tells n8n's log. */

/**
 * Whether a failure is about this unit rather than about Tanma or the connection: a vendor refusal that is neither
 * "slow down" nor a credential or clock problem (1002, 1003), which would refuse every read.
 */
export function aboutTheUnit(error: unknown): boolean {
	const failure = tanmaFailureOf(error);
	return (
		failure?.kind === 'vendor' &&
		failure.code !== '1002' &&
		failure.code !== '1003' &&
		!isThrottleMessage(failure.message)
	);
}

/** Each failed read in n8n's log: which unit, what Tanma said, and what the trigger does next. */
export function logFailure(
	this: IPollFunctions,
	source: TriggerSource,
	result: { read: PlannedRead; error: unknown },
	verdict: FailureVerdict,
	firstFailure: number | undefined,
): void {
	const unit = `${source.unitNoun} ${result.read.unit.key[1]}`;
	const said = failureText(result.error);
	const prefix = `Tanma Trigger "${this.getNode().name}": could not read ${unit} (${said}).`;
	const hours = PARKED_RETRY_MS / 3_600_000;
	const since = firstFailure === undefined ? '' : ` since ${formatTanmaTime(firstFailure * 1000)}`;
	const why = saysDoesNotExist(tanmaFailureOf(result.error))
		? 'Tanma says it does not exist (read from its message)'
		: `its reads have failed${since}`;
	const next =
		verdict === 'retry'
			? ' It is read again on the next poll; the others go on.'
			: verdict === 'parked'
				? ` ${why}: it is no longer read on every poll, only once every ${hours} hour(s); its records from ${result.read.from} on are emitted once it can be read. ${source.fixedUnits ? 'Check it in Tanma, or take it off the trigger.' : `Check it in Tanma: after ${GIVE_UP_MS / 3_600_000} hours of failures the trigger gives up on it.`}`
				: ` It is still not readable; tried again in ${hours} hour(s).`;
	this.logger.warn(prefix + next);
}

/** A unit the trigger gave up on (./units.ts giveUpOnParked), in n8n's log with what was not emitted. */
export function logGivenUp(this: IPollFunctions, source: TriggerSource, unit: GivenUp): void {
	this.logger.warn(
		`Tanma Trigger "${this.getNode().name}": gave up on ${source.unitNoun} ${unit.id} after ${GIVE_UP_MS / 3_600_000} hours of failed reads (last: ${unit.said}); its records from ${unit.from} on were not emitted, and it is no longer tried. Should it show up again with new activity, it is read from then on.`,
	);
}
