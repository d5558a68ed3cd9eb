import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { isValidChargePointId } from '../contracts/charge-point-id.js';

/** A chargePointId in a path follows contract section 1, or the request is a 400. */
@Injectable()
export class ChargePointIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isValidChargePointId(value)) {
      throw new BadRequestException([
        'chargePointId must be 1 to 48 letters, digits or * - _ = + | @ .',
      ]);
    }
    return value;
  }
}

@Injectable()
export class ConnectorIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) {
      throw new BadRequestException(['connectorId must be a whole number from 1 to 100']);
    }
    return Number(value);
  }
}

@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw new BadRequestException(['userId must be a UUID']);
    }
    return value;
  }
}
