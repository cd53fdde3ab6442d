/**
 * Trigger cost, through n8n-core's PollContext against the sandbox (lab/core), with a movable clock:
 * requests per poll when nothing is new and per new record, for both follow-up scopes and 10/100/1,000
 * customers; and the static data size while 100,000 follow-ups go through the trigger.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TanmaTrigger } from '../nodes/Tanma/TanmaTrigger.node';
import type { Sandbox } from '../sandbox/server';
import { credentialsFor, runPoll } from '../lab/core';
import { installShiftedClock } from './clock';

const MINUTE = 60_000;
const LATE_ARRIVAL_MINUTES = 10;

export interface ScopeCost {
	scope: 'recentlyActive' | 'specificCustomers';
	customers: number;
	/** One new record on every customer, then one poll. */
	burstRequests: number;
	requestsPerNewRecord: number;
	/** A poll one minute after the burst: the late-arrival window still covers those customers. */
	idleInWindowRequests: number;
	/** A poll once the window has passed with nothing new. */
	idleRequests: number;
	/** One new record on one customer. */
	singleRecordRequests: number;
	stateBytes: number;
}

export interface StateGrowth {
	records: number;
	polls: number;
	recordsPerPoll: number;
	minutesBetweenPolls: number;
	maxStateBytes: number;
	finalStateBytes: number;
	emitted: number;
	duplicates: number;
	requests: number;
}

/** What the check of qwLastFollowTypes costs over hours of polls against a tenant that honours the filter. */
export interface FilterCheckCost {
	customers: number;
	/** Follow-ups written per minute (0: an idle tenant). */
	followUpsPerMinute: number;
	schedule: 'default' | 'every 60 minutes';
	hours: number;
	polls: number;
	checks: number;
	requests: number;
	/** Requests of the checks' unfiltered listings: the rest is what the trigger sent before the check existed. */
	checkRequests: number;
	/** requests / (requests − checkRequests). */
	ratio: number;
}

/** A steady stream of new records and what the trigger sent for it, against the least the work needs. */
export interface StreamCost {
	event: 'newFollowUp' | 'newCustomer' | 'newLead';
	customers: number;
	/** How the stream writes: how many records a minute, spread over how many customers. */
	stream: string;
	hours: number;
	polls: number;
	records: number;
	emitted: number;
	requests: number;
	/** Of those, the filter check's listings (searches without qwLastFollowTypes; own target ≤ 5 %, table above). */
	checkRequests: number;
	/**
	 * The least a poll can do: one listing request per poll, plus one read per new follow-up (a customer's list) or new
	 * lead (its detail); new customers come with the listing.
	 */
	least: number;
	/** requests / least, and without the filter check's listings. */
	ratio: number;
	ratioWithoutChecks: number;
}

/**
 * The search requests of the last poll that were a check of the filter: those without qwLastFollowTypes in a poll
 * that also searched with it. Without a filtered search, the unfiltered one is the poll's listing (a tenant that fits
 * one page, or a distrusted filter).
 */
function checkListings(sandbox: Sandbox): number {
	const searches = sandbox.requests.filter((r) => r.path === '/api/v3/customer/search');
	const unfiltered = searches.filter((r) => r.json?.qwLastFollowTypes === undefined).length;
	return unfiltered < searches.length ? unfiltered : 0;
}

function pollingTrigger(sandbox: Sandbox, parameters: INodeParameters) {
	let staticData: IDataObject = {};
	return {
		async poll(): Promise<{ items: IDataObject[]; requests: number; stateBytes: number }> {
			const before = sandbox.requests.length;
			const run = await runPoll({
				nodeType: new TanmaTrigger(),
				parameters,
				credentials: credentialsFor(sandbox),
				staticData,
			});
			if (run.error) throw run.error;
			staticData = run.staticData;
			return {
				items: run.items,
				requests: sandbox.requests.length - before,
				stateBytes: Buffer.byteLength(JSON.stringify(staticData)),
			};
		},
	};
}

export async function measureTriggerCost(
	sandbox: Sandbox,
	sizes = [10, 100, 1000],
): Promise<{ scopes: ScopeCost[]; growth: StateGrowth }> {
	const clock = installShiftedClock();
	try {
		const scopes: ScopeCost[] = [];
		for (const scope of ['recentlyActive', 'specificCustomers'] as const) {
			for (const n of sizes) {
				sandbox.reset({ customers: Math.max(n, 100) });
				const watched = sandbox.tenant.customers.slice(0, n);
				const parameters: INodeParameters = {
					event: 'newFollowUp',
					scope,
					...(scope === 'specificCustomers'
						? { externalUserIds: watched.map((c) => c.externalUserId).join(',') }
						: {}),
					options: { lateArrivalMinutes: LATE_ARRIVAL_MINUTES },
				};
				const trigger = pollingTrigger(sandbox, parameters);
				await trigger.poll(); // first activation: starts from now
				clock.advance(MINUTE);
				for (const c of watched) sandbox.addFollowUps(c.externalUserId, ['bench burst']);
				clock.advance(MINUTE);
				const burst = await trigger.poll();
				if (burst.items.length !== n)
					throw new Error(`${scope}/${n}: burst emitted ${burst.items.length}`);
				clock.advance(MINUTE);
				const inWindow = await trigger.poll();
				clock.advance((LATE_ARRIVAL_MINUTES + 1) * MINUTE);
				await trigger.poll();
				clock.advance(MINUTE);
				const idle = await trigger.poll();
				sandbox.addFollowUps(watched[0].externalUserId, ['bench single']);
				clock.advance(MINUTE);
				const single = await trigger.poll();
				if (single.items.length !== 1 || idle.items.length || inWindow.items.length)
					throw new Error(`${scope}/${n}: unexpected emissions`);
				scopes.push({
					scope,
					customers: n,
					burstRequests: burst.requests,
					requestsPerNewRecord: burst.requests / n,
					idleInWindowRequests: inWindow.requests,
					idleRequests: idle.requests,
					singleRecordRequests: single.requests,
					stateBytes: single.stateBytes,
				});
			}
		}
		return { scopes, growth: await measureStateGrowth(sandbox, clock.advance) };
	} finally {
		clock.restore();
	}
}

/**
 * Hours of polls a minute apart (Recently Active Customers, honoured filter), idle or with follow-ups, under the
 * default check schedule and under an explicit 60-minute interval. Each request is classified by its body: a
 * search without qwLastFollowTypes is a check's listing; everything else the trigger sent before checks existed.
 */
export async function measureFilterCheckCost(
	sandbox: Sandbox,
	options: { sizes?: number[]; hours?: number } = {},
): Promise<FilterCheckCost[]> {
	const clock = installShiftedClock();
	const hours = options.hours ?? 6;
	const out: FilterCheckCost[] = [];
	try {
		for (const customers of options.sizes ?? [100, 1000]) {
			for (const followUpsPerMinute of [0, 1]) {
				for (const schedule of ['default', 'every 60 minutes'] as const) {
					sandbox.reset({ customers });
					sandbox.readings = { ...sandbox.readings, lastFollowTypes: 'lastFollowTime' };
					const trigger = pollingTrigger(sandbox, {
						event: 'newFollowUp',
						scope: 'recentlyActive',
						options: {
							lateArrivalMinutes: LATE_ARRIVAL_MINUTES,
							...(schedule === 'default' ? {} : { filterCheckMinutes: 60 }),
						},
					});
					await trigger.poll();
					let requests = 0;
					let checkRequests = 0;
					let checks = 0;
					const polls = hours * 60;
					for (let minute = 0; minute < polls; minute++) {
						clock.advance(MINUTE);
						for (let n = 0; n < followUpsPerMinute; n++) {
							sandbox.addFollowUps(
								sandbox.tenant.customers[(minute * 7 + n) % customers].externalUserId,
								['bench'],
							);
						}
						sandbox.requests.length = 0;
						await trigger.poll();
						const unfiltered = checkListings(sandbox);
						requests += sandbox.requests.length;
						checkRequests += unfiltered;
						if (unfiltered) checks++;
					}
					out.push({
						customers,
						followUpsPerMinute,
						schedule,
						hours,
						polls,
						checks,
						requests,
						checkRequests,
						ratio: requests / (requests - checkRequests),
					});
				}
			}
		}
		return out;
	} finally {
		clock.restore();
	}
}

/**
 * 100,000 follow-ups through the "recently active" trigger: bursts of 1,000 (10 on each of 100 customers),
 * one poll every 11 minutes (just past the late-arrival window). Counts emitted, duplicated and the state size.
 */
async function measureStateGrowth(
	sandbox: Sandbox,
	advance: (ms: number) => void,
	total = 100_000,
	perPoll = 1000,
): Promise<StateGrowth> {
	sandbox.reset({ customers: 100 });
	const trigger = pollingTrigger(sandbox, {
		event: 'newFollowUp',
		scope: 'recentlyActive',
		options: { lateArrivalMinutes: LATE_ARRIVAL_MINUTES },
	});
	await trigger.poll();
	const seen = new Set<string>();
	let duplicates = 0;
	let maxStateBytes = 0;
	let finalStateBytes = 0;
	let requests = 0;
	let polls = 0;
	const customers = sandbox.tenant.customers;
	for (let written = 0; written < total; written += perPoll) {
		advance(MINUTE);
		for (let i = 0; i < perPoll; i++)
			sandbox.addFollowUps(customers[i % customers.length].externalUserId, [`r${written + i}`]);
		advance((LATE_ARRIVAL_MINUTES + 1) * MINUTE - MINUTE);
		const run = await trigger.poll();
		polls++;
		requests += run.requests;
		for (const item of run.items) {
			const id = String(item.id);
			if (seen.has(id)) duplicates++;
			seen.add(id);
		}
		maxStateBytes = Math.max(maxStateBytes, run.stateBytes);
		finalStateBytes = run.stateBytes;
		sandbox.requests.length = 0; // keep the sandbox's request log from growing for 100,000 records
	}
	return {
		records: total,
		polls,
		recordsPerPoll: perPoll,
		minutesBetweenPolls: LATE_ARRIVAL_MINUTES + 1,
		maxStateBytes,
		finalStateBytes,
		emitted: seen.size,
		duplicates,
		requests,
	};
}

/**
 * Hours of polls a minute apart while records arrive at a steady rate, then a quiet Late Arrival Window: every
 * request the trigger sent (listings, reads, filter checks, late-arrival reads) against the least the work needs.
 * `perMinute` records a minute; follow-ups go to the next customer of `spread` (0: all, in a stride of 7, so a
 * customer's next follow-up comes long after its window closed).
 */
export async function measureStreamCost(
	sandbox: Sandbox,
	options: {
		event: StreamCost['event'];
		customers: number;
		perMinute: number;
		spread?: number;
		hours?: number;
	},
): Promise<StreamCost> {
	const clock = installShiftedClock();
	const hours = options.hours ?? 6;
	try {
		sandbox.reset({ customers: options.customers });
		sandbox.readings = { ...sandbox.readings, lastFollowTypes: 'lastFollowTime' };
		const trigger = pollingTrigger(sandbox, {
			event: options.event,
			...(options.event === 'newFollowUp' ? { scope: 'recentlyActive' } : {}),
			options: { lateArrivalMinutes: LATE_ARRIVAL_MINUTES },
		});
		await trigger.poll(); // activation
		const pool = sandbox.tenant.customers.slice(0, options.spread || options.customers);
		const streamPolls = hours * 60;
		let records = 0;
		let emitted = 0;
		let requests = 0;
		let checkRequests = 0;
		let polls = 0;
		for (let minute = 0; minute < streamPolls + LATE_ARRIVAL_MINUTES + 1; minute++) {
			const writing = minute < streamPolls;
			for (let n = 0; writing && n < options.perMinute; n++) {
				clock.advance(MINUTE / (options.perMinute + 1));
				const index = records++;
				if (options.event === 'newFollowUp') {
					const customer = options.spread
						? pool[index % pool.length]
						: pool[(index * 7) % pool.length];
					sandbox.addFollowUps(customer.externalUserId, ['bench stream']);
				} else if (options.event === 'newLead') {
					sandbox.addLeads([`bench ${index}`]);
				} else {
					const template = sandbox.tenant.customers[0];
					sandbox.tenant.customers.push({
						...template,
						customerId: String(700000000000000 + index),
						externalUserId: `wmbench${index}`,
						createTimeMs: Date.now(),
						lastFollowTimeMs: null,
					});
				}
			}
			clock.advance(writing ? MINUTE / (options.perMinute + 1) : MINUTE);
			const run = await trigger.poll();
			polls++;
			requests += run.requests;
			checkRequests += options.event === 'newFollowUp' ? checkListings(sandbox) : 0;
			emitted += run.items.length;
			sandbox.requests.length = 0;
		}
		if (emitted !== records)
			throw new Error(`${options.event}: ${records} records written, ${emitted} emitted`);
		const least = polls + (options.event === 'newCustomer' ? 0 : records);
		return {
			event: options.event,
			customers: options.customers,
			stream: !options.perMinute
				? 'none (idle)'
				: `${options.perMinute} a minute${options.event !== 'newFollowUp' ? '' : options.spread ? ` over ${options.spread} customers` : ', each on another customer'}`,
			hours,
			polls,
			records,
			emitted,
			requests,
			checkRequests,
			least,
			ratio: requests / least,
			ratioWithoutChecks: (requests - checkRequests) / least,
		};
	} finally {
		clock.restore();
	}
}

/** The streams the bench measures: the targets (1 a minute at 100 and 1,000 customers; idle), then context. */
export const STREAMS: Array<Parameters<typeof measureStreamCost>[1] & { target?: boolean }> = [
	{ event: 'newFollowUp', customers: 100, perMinute: 1, target: true },
	{ event: 'newFollowUp', customers: 1000, perMinute: 1, target: true },
	{ event: 'newFollowUp', customers: 1000, perMinute: 0, target: true },
	{ event: 'newFollowUp', customers: 100, perMinute: 4, spread: 20 },
	{ event: 'newFollowUp', customers: 1000, perMinute: 4 },
	{ event: 'newCustomer', customers: 100, perMinute: 1 },
	{ event: 'newLead', customers: 100, perMinute: 1 },
];

export async function measureStreamCosts(
	sandbox: Sandbox,
	hours = 6,
): Promise<Array<StreamCost & { target: boolean }>> {
	const out: Array<StreamCost & { target: boolean }> = [];
	for (const { target, ...stream } of STREAMS)
		out.push({
			...(await measureStreamCost(sandbox, { ...stream, hours })),
			target: Boolean(target),
		});
	return out;
}
