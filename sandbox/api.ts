/** What a running sandbox offers to the code that drives it: tests, the lab, the demo, and its own control routes. */
import type { SeedOptions, TenantData } from './data';
import type { Fault, FaultSpec } from './faults';
import type { Body } from './handlers';
import type { PushDelivery, PushSpec, RawPush } from './push';
import type { TenantReadings } from './readings';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	/** The body exactly as received (UTF-8). */
	rawBody: string;
	/** The body parsed with ids kept exact (undefined when empty or not JSON). */
	json: Body | undefined;
	/** The business code the sandbox answered with, or the HTTP status prefixed with "http:" / "fault:". */
	outcome: string;
	/** The fault applied to this request, if any. */
	fault?: Fault['kind'];
	receivedAt: number;
	/** Requests the sandbox was handling when this one arrived, this one included (1 = nothing else in flight). */
	inFlight: number;
	/** When the answer was sent (or the connection dropped); undefined while in flight. */
	answeredAt?: number;
}

export interface Sandbox {
	readonly baseUrl: string;
	readonly port: number;
	readonly appId: string;
	readonly appKey: string;
	readonly requests: RecordedRequest[];
	readonly sink: unknown[];
	tenant: TenantData;
	/** How the tenant reads what Tanma never published; tests change it between runs. */
	readings: TenantReadings;
	created: Record<string, Body[]>;
	addFault(fault: FaultSpec): void;
	clearFaults(): void;
	/** Requests to one endpoint path, oldest first. */
	requestsTo(path: string): RecordedRequest[];
	/** Appends follow-up records to a customer (new activity, for trigger tests). */
	addFollowUps(externalUserId: string, contents: string[], atMs?: number): TenantData['followUps'];
	/** Adds leads created at `atMs` (default now), named as given. */
	addLeads(names: string[], atMs?: number): TenantData['leads'];
	/** Sends a signed, encrypted push message to `url` (Tanma's push delivery) and records the answer. */
	push(url: string, spec: PushSpec): Promise<PushDelivery>;
	/** Sends a request byte for byte (a vendor example, a captured push replayed or altered). */
	pushRaw(
		url: string,
		raw: RawPush,
		expected: { type: string; msgId: string; noise: string },
	): Promise<PushDelivery>;
	readonly pushes: PushDelivery[];
	reset(seed?: SeedOptions): void;
	close(): Promise<void>;
}
