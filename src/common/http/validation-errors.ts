import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

// One message per field, so that a client author reads what to fix rather than every rule of a
// field: a missing field is "required" (not "must be shorter than ..."), a present one gets its
// first failing rule. class-validator lists a field's failed constraints last-declared first, so
// the first declared rule is the last key.
export function fieldMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.some(([rule]) => rule === 'whitelistValidation')) {
      return [`${path} is not a known field`];
    }
    if (constraints.length) {
      if (error.value === undefined || error.value === null) return [`${path} is required`];
      const [, message] = constraints[constraints.length - 1];
      return [
        message.startsWith(error.property)
          ? path + message.slice(error.property.length)
          : `${path}: ${message}`,
      ];
    }
    return fieldMessages(error.children ?? [], path);
  });
}

export const validationExceptionFactory = (errors: ValidationError[]) =>
  new BadRequestException(fieldMessages(errors));
