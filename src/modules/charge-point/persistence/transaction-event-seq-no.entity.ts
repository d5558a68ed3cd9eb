import { Entity, PrimaryColumn } from 'typeorm';

/** A TransactionEvent (OCPP 2.0.1) already applied, by its transaction and seqNo. */
@Entity('transaction_event_seq_nos')
export class TransactionEventSeqNoEntity {
  @PrimaryColumn({ name: 'transaction_id', type: 'integer' }) transactionId!: number;
  @PrimaryColumn({ name: 'seq_no', type: 'integer' }) seqNo!: number;
}
