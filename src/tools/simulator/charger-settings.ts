// A simulated charger's configuration keys (OCPP 1.6 core profile names), as GetConfiguration
// reads them and ChangeConfiguration writes them. Kept across resets, like a real charger's.
// MeterValueSampleInterval and HeartbeatInterval take effect at once: the connectors and the
// heartbeat loop read them at every turn.

export interface ConfigurationKey {
  key: string;
  readonly: boolean;
  value: string;
}

export type ChangeStatus = 'Accepted' | 'Rejected' | 'NotSupported';

const MAX_INTERVAL_S = 86_400;

export class ChargerSettings {
  heartbeatIntervalS: number;
  meterIntervalS: number;

  constructor(
    meterIntervalS: number,
    private readonly connectors: number,
  ) {
    this.meterIntervalS = meterIntervalS;
    this.heartbeatIntervalS = 60;
  }

  get meterIntervalMs(): number {
    return this.meterIntervalS * 1000;
  }

  all(): ConfigurationKey[] {
    return [
      { key: 'HeartbeatInterval', readonly: false, value: String(this.heartbeatIntervalS) },
      { key: 'MeterValueSampleInterval', readonly: false, value: String(this.meterIntervalS) },
      { key: 'NumberOfConnectors', readonly: true, value: String(this.connectors) },
      { key: 'AuthorizeRemoteTxRequests', readonly: true, value: 'false' },
      {
        key: 'MeterValuesSampledData',
        readonly: true,
        value: 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC',
      },
    ];
  }

  /** GetConfiguration: the keys asked for (all when none), and those it does not know. */
  read(keys?: readonly string[]): { configurationKey: ConfigurationKey[]; unknownKey: string[] } {
    const all = this.all();
    if (!keys?.length) return { configurationKey: all, unknownKey: [] };
    const known = all.filter((k) => keys.includes(k.key));
    return {
      configurationKey: known,
      unknownKey: keys.filter((k) => !all.some((c) => c.key === k)),
    };
  }

  /** ChangeConfiguration: an interval of whole seconds 1..86400 is taken, anything else refused. */
  change(key: string, value: string): ChangeStatus {
    const setting = this.all().find((k) => k.key === key);
    if (!setting) return 'NotSupported';
    if (setting.readonly) return 'Rejected';
    const seconds = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(seconds >= 1 && seconds <= MAX_INTERVAL_S)) return 'Rejected';
    if (key === 'HeartbeatInterval') this.heartbeatIntervalS = seconds;
    else this.meterIntervalS = seconds;
    return 'Accepted';
  }
}
