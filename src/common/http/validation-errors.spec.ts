import type { ValidationError } from 'class-validator';
import { fieldMessages } from './validation-errors.js';

const error = (e: Partial<ValidationError>) => ({ children: [], ...e }) as ValidationError;

describe('fieldMessages', () => {
  it('keeps a custom message that does not start with the field, prefixed by its path', () => {
    const nested = error({
      property: 'connectors',
      value: [{ type: 'x' }],
      children: [
        error({
          property: '0',
          value: { type: 'x' },
          children: [
            error({ property: 'type', value: 'x', constraints: { isIn: 'unknown plug' } }),
          ],
        }),
      ],
    });
    expect(fieldMessages([nested])).toEqual(['connectors.0.type: unknown plug']);
  });

  it('takes the first declared rule, which class-validator lists last', () => {
    const e = error({
      property: 'password',
      value: 5,
      constraints: {
        maxLength: 'password must be shorter than or equal to 256 characters',
        minLength: 'password must be longer than or equal to 8 characters',
        isString: 'password must be a string',
      },
    });
    expect(fieldMessages([e])).toEqual(['password must be a string']);
  });

  it('calls a null field required, like a missing one', () => {
    const e = error({ property: 'idTag', value: null, constraints: { isString: 'x' } });
    expect(fieldMessages([e])).toEqual(['idTag is required']);
  });
});
