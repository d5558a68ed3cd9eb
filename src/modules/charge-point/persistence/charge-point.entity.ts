import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('charge_points')
export class ChargePointEntity {
  @PrimaryColumn({ type: 'varchar', length: 48 }) id!: string;
  @Column({ name: 'owner_id', type: 'varchar', nullable: true }) ownerId!: string | null;
  @Column({ name: 'password_hash', type: 'varchar', nullable: true }) passwordHash!: string | null;
  /** OCPP security profile: 1 Basic auth, 2 Basic auth over TLS, 3 client certificate */
  @Column({ name: 'security_profile', type: 'integer', default: 1 }) securityProfile!: number;
  @Column({ type: 'varchar', nullable: true }) vendor!: string | null;
  @Column({ type: 'varchar', nullable: true }) model!: string | null;
  @Column({ name: 'serial_number', type: 'varchar', nullable: true }) serialNumber!: string | null;
  @Column({ name: 'firmware_version', type: 'varchar', nullable: true })
  firmwareVersion!: string | null;
  @Column({ type: 'varchar', nullable: true }) iccid!: string | null;
  @Column({ type: 'varchar', nullable: true }) imsi!: string | null;
  @Column({ name: 'meter_type', type: 'varchar', nullable: true }) meterType!: string | null;
  @Column({ name: 'meter_serial_number', type: 'varchar', nullable: true })
  meterSerialNumber!: string | null;
  @Column({ name: 'connector_count', type: 'integer', default: 0 }) connectorCount!: number;
  @Column({ name: 'station_status', type: 'varchar', nullable: true }) stationStatus!:
    string | null;
  @Column({ name: 'station_error_code', type: 'varchar', nullable: true })
  stationErrorCode!: string | null;
  @Column({ name: 'diagnostics_status', type: 'varchar', nullable: true })
  diagnosticsStatus!: string | null;
  @Column({ name: 'firmware_status', type: 'varchar', nullable: true })
  firmwareStatus!: string | null;
  @Column({ name: 'ocpp_version', type: 'varchar', nullable: true }) ocppVersion!: string | null;
  @Column({ type: 'boolean', default: false }) online!: boolean;
  @Column({ name: 'last_seen_at', type: Date, nullable: true }) lastSeenAt!: Date | null;
  @Column({ name: 'booted_at', type: Date, nullable: true }) bootedAt!: Date | null;
  @Column({ name: 'last_seq', type: 'integer', default: 0 }) lastSeq!: number;
  @Column({ name: 'created_at', type: Date, insert: false, update: false }) createdAt!: Date;
}
