/*
 * Makes concurrent transactions actually overlap in tests. Two requests fired
 * together rarely interleave on their own (the first often commits before
 * the second reads), which would let a store without concurrency control
 * pass. Only test files import this module.
 */
import { Knex } from 'knex';

/**
 * A Knex whose transactions, after their first read from `table`, wait until
 * `parties` transactions have read (or `timeoutMs` passed). On PostgreSQL
 * every writer then starts from the same state, which is exactly the race
 * the store must survive. SQLite runs one transaction at a time, so there
 * the wait simply times out and the transactions run one after the other.
 */
export function knexWithReadBarrier(
  knex: Knex,
  options: { table: string; parties: number; timeoutMs?: number },
): Knex {
  const { table, parties, timeoutMs = 300 } = options;
  let arrived = 0;
  let releaseAll!: () => void;
  const allArrived = new Promise<void>(resolve => {
    releaseAll = resolve;
  });
  const barrier = async () => {
    arrived += 1;
    if (arrived >= parties) releaseAll();
    await Promise.race([
      allArrived,
      new Promise(resolve => setTimeout(resolve, timeoutMs)),
    ]);
  };

  const wrapTransaction = (tx: Knex.Transaction): Knex.Transaction => {
    let firstRead = true;
    return new Proxy(tx, {
      apply(target, thisArg, args: unknown[]) {
        const query = Reflect.apply(target, thisArg, args);
        if (args[0] !== table) return query;
        const then = query.then.bind(query);
        query.then = (onFulfilled?: any, onRejected?: any) =>
          then(async (rows: unknown) => {
            const isRead = ['select', 'first'].includes(query._method);
            if (isRead && firstRead) {
              firstRead = false;
              await barrier();
            }
            return rows;
          }).then(onFulfilled, onRejected);
        return query;
      },
    });
  };

  const transaction = (handler: (tx: Knex.Transaction) => Promise<unknown>) =>
    knex.transaction(tx => handler(wrapTransaction(tx)));

  return new Proxy(function barrierKnex() {}, {
    apply: (_target, _thisArg, args) => (knex as any)(...args),
    get: (_target, property) =>
      property === 'transaction' ? transaction : Reflect.get(knex, property),
  }) as unknown as Knex;
}
