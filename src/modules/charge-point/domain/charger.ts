import type { ConnectorStaticData } from '../../../common/contracts/charge-point-events.js';

// A charger (a charging station) as a whole, whatever OCPP version it speaks: what it says of
// itself at boot and what its watchers then learn of it. Plain rules, no persistence.

/** What a charger says of itself at boot (each edge maps its version's message into it). */
export interface BootFacts {
  vendor: string;
  model: string;
  serialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}

/** What a boot records on the charger (what it did not say is forgotten). */
export interface ChargerBoot {
  vendor: string;
  model: string;
  serialNumber: string | null;
  firmwareVersion: string | null;
  iccid: string | null;
  imsi: string | null;
  meterType: string | null;
  meterSerialNumber: string | null;
  bootedAt: Date;
  lastSeenAt: Date;
}

/** A charger as the repository hands it over: with its connectors, in connector order. */
export interface ChargerState {
  id: string;
  connectorCount: number;
  connectors: ConnectorStaticData[];
}

/** A charger an operator registers, with the connectors it has. */
export interface NewCharger {
  id: string;
  ownerId: string | null;
  passwordHash: string | null;
  securityProfile: 1 | 2 | 3;
  connectors: ConnectorStaticData[];
}

export interface ChargerOwnership {
  ownerId: string | null;
}

export class Charger {
  constructor(readonly state: ChargerState) {}

  static boot(facts: BootFacts, at: Date): ChargerBoot {
    return {
      vendor: facts.vendor,
      model: facts.model,
      serialNumber: facts.serialNumber ?? null,
      firmwareVersion: facts.firmwareVersion ?? null,
      iccid: facts.iccid ?? null,
      imsi: facts.imsi ?? null,
      meterType: facts.meterType ?? null,
      meterSerialNumber: facts.meterSerialNumber ?? null,
      bootedAt: at,
      lastSeenAt: at,
    };
  }

  /** Its connectors as its watchers see them once it booted. */
  get connectors(): ConnectorStaticData[] {
    return this.state.connectors.map(({ connectorId, type, maxPowerW, maxCurrentA }) => ({
      connectorId,
      type,
      maxPowerW,
      maxCurrentA,
    }));
  }
}
