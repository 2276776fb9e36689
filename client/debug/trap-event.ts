/**
 * The body of the debug adapter's custom DAP event `hyperstep/trapEvents`.
 * No `vscode` import: unit-tested in plain Node.
 */

export const TRAP_EVENT = 'hyperstep/trapEvents';

/** One event as the adapter sends it (addresses as hex strings). */
export interface TrapEvent {
  position?: number;
  instret?: number;
  kind: 'trap' | 'interrupt' | 'return' | string;
  cause?: number;
  name?: string;
  tval?: string;
  epc?: string;
  handler?: string;
  from: string;
  to: string;
}

/** Keeps the well-formed events of a `hyperstep/trapEvents` body, drops the rest. */
export function parseTrapEventBody(body: unknown): TrapEvent[] {
  const events = (body as { events?: unknown } | undefined)?.events;
  if (!Array.isArray(events)) return [];
  return events.filter(
    (e): e is TrapEvent =>
      !!e && typeof e === 'object' && typeof (e as TrapEvent).from === 'string' && typeof (e as TrapEvent).to === 'string' && typeof (e as TrapEvent).kind === 'string',
  );
}
