import type { Driver } from 'typeorm';

// Positional parameters of one statement built in parts: each value added gets the dialect's
// placeholder for its position ($1, $2... on PostgreSQL, ? on SQLite), so that parts written
// separately can be joined into one statement.
export class SqlParameters {
  readonly values: unknown[] = [];

  constructor(private readonly driver: Driver) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.driver.createParameter('p', this.values.length - 1);
  }
}
