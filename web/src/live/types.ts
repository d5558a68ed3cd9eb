// The shapes of the public contract (sections 2, 3 and 5) as the dashboard reads them.

export interface TransactionSnapshot {
  id: number;
  idTag: string | null;
  startedAt: string;
  meterStartWh: number;
}

export interface ConnectorSnapshot {
  connectorId: number;
  type: string | null;
  maxPowerW: number | null;
  maxCurrentA: number | null;
  status: string;
  errorCode: string;
  powerW: number;
  energyWh: number | null;
  transaction: TransactionSnapshot | null;
}

export interface ChargerSnapshot {
  id: string;
  online: boolean;
  lastSeenAt: string | null;
  vendor: string | null;
  model: string | null;
  firmwareVersion: string | null;
  connectorCount: number;
  connectors: ConnectorSnapshot[];
  seq: number;
}

export interface EventMessage {
  type: 'event';
  chargePointId: string;
  event: string;
  seq: number;
  at: string;
  data: Record<string, unknown>;
}

export type ServerMessage =
  | {
      type: 'subscribed';
      chargePointId: string;
      snapshot: ChargerSnapshot | null;
      seq: number;
      resumedFrom?: number;
      id?: string;
    }
  | EventMessage
  | { type: 'resync'; chargePointId: string; snapshot: ChargerSnapshot; seq: number }
  | {
      type: 'unsubscribed';
      chargePointId: string;
      reason: 'requested' | 'access_revoked';
      id?: string;
    }
  | { type: 'error'; code: string; message: string; id?: string }
  | { type: 'pong'; id?: string }
  | { type: 'authenticated'; expiresAt: string; id?: string };

export type Access = 'admin' | 'owner' | 'operator' | 'grantee';
