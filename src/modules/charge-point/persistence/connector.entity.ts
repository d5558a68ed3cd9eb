import { Column, Entity, PrimaryColumn } from 'typeorm';

// Numeric columns come back from PostgreSQL's `double precision` as numbers already; this
// transformer also covers drivers that hand back strings.
const numeric = {
  to: (v: number | null | undefined) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
};

@Entity('connectors')
export class ConnectorEntity {
  @PrimaryColumn({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @PrimaryColumn({ name: 'connector_id', type: 'integer' }) connectorId!: number;
  @Column({ type: 'varchar', nullable: true }) type!: string | null;
  @Column({ name: 'max_power_w', type: 'integer', nullable: true }) maxPowerW!: number | null;
  @Column({ name: 'max_current_a', type: 'integer', nullable: true }) maxCurrentA!: number | null;
  @Column({ type: 'varchar', default: 'Unknown' }) status!: string;
  /** the charger's own status word where it is not the 1.6 one (OCPP 2.0.1) */
  @Column({ name: 'ocpp_status', type: 'varchar', nullable: true }) ocppStatus!: string | null;
  @Column({ name: 'error_code', type: 'varchar', default: 'NoError' }) errorCode!: string;
  @Column({ type: 'varchar', nullable: true }) info!: string | null;
  @Column({ name: 'vendor_error_code', type: 'varchar', nullable: true })
  vendorErrorCode!: string | null;
  @Column({ name: 'status_at', type: Date, nullable: true }) statusAt!: Date | null;
  @Column({ name: 'power_w', type: 'double precision', default: 0, transformer: numeric })
  powerW!: number;
  @Column({ name: 'energy_wh', type: 'double precision', nullable: true, transformer: numeric })
  energyWh!: number | null;
  @Column({ name: 'current_a', type: 'double precision', nullable: true, transformer: numeric })
  currentA!: number | null;
  @Column({ name: 'voltage_v', type: 'double precision', nullable: true, transformer: numeric })
  voltageV!: number | null;
  @Column({ name: 'soc_percent', type: 'double precision', nullable: true, transformer: numeric })
  socPercent!: number | null;
  @Column({ name: 'meter_at', type: Date, nullable: true }) meterAt!: Date | null;
  @Column({ name: 'transaction_id', type: 'integer', nullable: true }) transactionId!:
    number | null;
}
