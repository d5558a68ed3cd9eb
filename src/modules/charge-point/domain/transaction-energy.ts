// A transaction's energy, whatever OCPP version reported it: counted on the meter's register from
// the start (1.6 meterStart, 2.0.1 the register of the first event) to the stop. Plain rules.

export class TransactionEnergy {
  constructor(readonly meterStartWh: number) {}

  /** Energy delivered so far, at this register reading. */
  at(registerWh: number): number {
    return registerWh - this.meterStartWh;
  }

  /**
   * The register at the stop: as the charger said it, or (2.0.1 may not say it) where the
   * transaction's last reading left it, or the start when it never reported one.
   */
  stopRegisterWh(reportedWh: number | undefined, lastEnergyWh: number | null): number {
    return reportedWh ?? Math.round(this.meterStartWh + (lastEnergyWh ?? 0));
  }
}
