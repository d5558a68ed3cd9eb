import type { ChargerSnapshot, ConnectorSnapshot, EventMessage } from './types.js';

// What the dashboard knows of one charger: the snapshot kept current by the events, the seq of
// the last message applied (the resume point), recent events and recent power readings.
// Pure functions: the live client feeds them messages, the views only read.

export const EVENT_LOG_SIZE = 50;
/** The live chart's window. */
export const POWER_WINDOW_MS = 15 * 60_000;

export interface PowerPoint {
  at: number;
  powerW: number;
}

export interface LogEntry {
  seq: number | null;
  at: string;
  text: string;
  event: string;
}

export interface CommandState {
  commandId: string;
  command: string;
  status: string;
  error?: string;
}

export interface ChargerView {
  snapshot: ChargerSnapshot;
  seq: number;
  /** Connector 0's last status (the whole station), when the charger sent one. */
  stationStatus: string | null;
  log: LogEntry[];
  power: Record<number, PowerPoint[]>;
  commands: CommandState[];
}

/** A fresh subscription or a resync: the snapshot replaces the state, history is kept. */
export function fromSnapshot(
  snapshot: ChargerSnapshot,
  seq: number,
  previous: ChargerView | undefined,
  note: string,
  now: number,
): ChargerView {
  const power = { ...(previous?.power ?? {}) };
  for (const c of snapshot.connectors)
    power[c.connectorId] = addPoint(power[c.connectorId], now, c.powerW);
  return {
    snapshot,
    seq,
    stationStatus: previous?.stationStatus ?? null,
    log: addLog(previous?.log ?? [], {
      seq,
      at: new Date(now).toISOString(),
      text: note,
      event: 'snapshot',
    }),
    power,
    commands: previous?.commands ?? [],
  };
}

/**
 * One event. One already applied (seq at or below the view's) changes nothing, so a replay
 * that overlaps the live stream is harmless; events are states, set rather than added.
 */
export function applyEvent(view: ChargerView, msg: EventMessage, now: number): ChargerView {
  if (msg.seq <= view.seq) return view;
  const next: ChargerView = {
    ...view,
    seq: msg.seq,
    snapshot: { ...view.snapshot, seq: msg.seq },
    log: addLog(view.log, { seq: msg.seq, at: msg.at, text: describe(msg), event: msg.event }),
  };
  const d = msg.data;
  const s = next.snapshot;
  switch (msg.event) {
    case 'ChargePointOnline':
      s.online = true;
      break;
    case 'ChargePointOffline':
      s.online = false;
      break;
    case 'ChargePointBooted': {
      s.vendor = d.vendor as string;
      s.model = d.model as string;
      s.firmwareVersion = (d.firmwareVersion as string | null) ?? null;
      s.connectorCount = d.connectorCount as number;
      for (const c of d.connectors as Array<Partial<ConnectorSnapshot> & { connectorId: number }>)
        next.snapshot = withConnector(next.snapshot, c.connectorId, {
          type: c.type ?? null,
          maxPowerW: c.maxPowerW ?? null,
          maxCurrentA: c.maxCurrentA ?? null,
        });
      break;
    }
    case 'ConnectorStatusChanged':
      if (d.connectorId === 0) next.stationStatus = d.status as string;
      else
        next.snapshot = withConnector(s, d.connectorId as number, {
          status: d.status as string,
          errorCode: d.errorCode as string,
        });
      break;
    case 'MeterValues': {
      const id = d.connectorId as number;
      next.snapshot = withConnector(s, id, {
        powerW: d.powerW as number,
        energyWh: d.energyWh as number | null,
      });
      // placed at the charger's sampling time (never in the future), not at arrival
      const sampled = Date.parse(d.sampledAt as string);
      const at = Number.isFinite(sampled) ? Math.min(now, sampled) : now;
      next.power = { ...view.power, [id]: addPoint(view.power[id], at, d.powerW as number) };
      break;
    }
    case 'TransactionStarted':
      next.snapshot = withConnector(s, d.connectorId as number, {
        energyWh: 0,
        transaction: {
          id: d.transactionId as number,
          idTag: (d.idTag as string | null) ?? null,
          startedAt: d.startedAt as string,
          meterStartWh: d.meterStartWh as number,
        },
      });
      break;
    case 'TransactionStopped': {
      const c = s.connectors.find((x) => x.connectorId === d.connectorId);
      // only if no newer transaction took the connector meanwhile (as the server does)
      if (c && c.transaction?.id === d.transactionId) {
        next.snapshot = withConnector(s, c.connectorId, {
          transaction: null,
          powerW: 0,
          energyWh: null,
        });
        next.power = {
          ...view.power,
          [c.connectorId]: addPoint(view.power[c.connectorId], now, 0),
        };
      }
      break;
    }
    case 'ConnectorConfigured':
      next.snapshot = withConnector(s, d.connectorId as number, {
        type: d.type as string | null,
        maxPowerW: d.maxPowerW as number | null,
        maxCurrentA: d.maxCurrentA as number | null,
      });
      break;
    case 'CommandSent':
    case 'CommandCompleted':
      next.commands = withCommand(view.commands, {
        commandId: d.commandId as string,
        command: d.command as string,
        status: msg.event === 'CommandSent' ? 'Sent' : (d.status as string),
        ...(d.error ? { error: d.error as string } : {}),
      });
      break;
  }
  return next;
}

export function noteOn(view: ChargerView, text: string, now: number): ChargerView {
  return {
    ...view,
    log: addLog(view.log, { seq: null, at: new Date(now).toISOString(), text, event: 'note' }),
  };
}

function withConnector(
  s: ChargerSnapshot,
  connectorId: number,
  change: Partial<ConnectorSnapshot>,
): ChargerSnapshot {
  const found = s.connectors.some((c) => c.connectorId === connectorId);
  const connectors = found
    ? s.connectors.map((c) => (c.connectorId === connectorId ? { ...c, ...change } : c))
    : [...s.connectors, { ...blankConnector(connectorId), ...change }].sort(
        (a, b) => a.connectorId - b.connectorId,
      );
  return { ...s, connectors };
}

const blankConnector = (connectorId: number): ConnectorSnapshot => ({
  connectorId,
  type: null,
  maxPowerW: null,
  maxCurrentA: null,
  status: 'Unknown',
  errorCode: 'NoError',
  powerW: 0,
  energyWh: null,
  transaction: null,
});

function withCommand(list: CommandState[], c: CommandState): CommandState[] {
  const rest = list.filter((x) => x.commandId !== c.commandId);
  return [c, ...rest].slice(0, 20);
}

function addLog(log: LogEntry[], entry: LogEntry): LogEntry[] {
  return [entry, ...log].slice(0, EVENT_LOG_SIZE);
}

function addPoint(points: PowerPoint[] | undefined, at: number, powerW: number): PowerPoint[] {
  const kept = (points ?? []).filter((p) => p.at > at - POWER_WINDOW_MS && p.at <= at);
  return [...kept, { at, powerW }];
}

/** A line for the event log. */
export function describe(msg: EventMessage): string {
  const d = msg.data;
  switch (msg.event) {
    case 'ChargePointOnline':
      return d.reconnected ? 'Online (reconnected)' : 'Online';
    case 'ChargePointOffline':
      return `Offline (${String(d.reason)})`;
    case 'ChargePointBooted':
      return `Booted: ${String(d.vendor)} ${String(d.model)}`;
    case 'ConnectorStatusChanged':
      return `${d.connectorId === 0 ? 'Station' : `Connector ${String(d.connectorId)}`}: ${String(d.status)}${d.errorCode && d.errorCode !== 'NoError' ? ` (${String(d.errorCode)})` : ''}`;
    case 'MeterValues':
      return `Connector ${String(d.connectorId)}: ${formatPower(d.powerW as number)}`;
    case 'TransactionStarted':
      return `Connector ${String(d.connectorId)}: transaction ${String(d.transactionId)} started`;
    case 'TransactionStopped':
      return `Connector ${String(d.connectorId)}: transaction ${String(d.transactionId)} stopped, ${formatEnergy(d.energyWh as number)} (${String(d.reason)})`;
    case 'ConnectorConfigured':
      return `Connector ${String(d.connectorId)} configured: ${String(d.type ?? '?')}`;
    case 'CommandSent':
      return `Command ${String(d.command)} sent`;
    case 'CommandCompleted':
      return `Command ${String(d.command)}: ${String(d.status)}${d.error ? ` (${String(d.error)})` : ''}`;
    default:
      return msg.event;
  }
}

export const formatPower = (w: number | null | undefined) =>
  w == null ? '–' : `${(w / 1000).toFixed(1)} kW`;
export const formatEnergy = (wh: number | null | undefined) =>
  wh == null ? '–' : `${(wh / 1000).toFixed(2)} kWh`;
