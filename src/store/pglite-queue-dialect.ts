/**
 * Kysely's PGlite dialect with a fair, yielding hand-over of its one connection, and a wait limit.
 *
 * Kysely guards single-connection dialects with a mutex whose release wakes every waiter at once; the waiters race,
 * one wins and the rest wait again. PGlite answers without I/O, so under load a backlog of statements drains in one
 * macrotask while timers (the response floor) and sockets wait behind it. Here waiters queue in arrival order and the
 * connection passes to the next through `setImmediate`, so the event loop turns between holders. A waiter that cannot
 * get the connection within `acquireTimeoutMilliseconds` fails with `DatabaseBusyError` instead of hanging: the usual
 * cause is code that waits for a second connection while it holds the first (a store call outside its transaction).
 */
import {
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  PGliteAdapter,
  PGliteDialect,
  type PGliteDialectConfig,
} from "kysely";
import { OverloadError } from "../lib/overload.js";

/** Thrown when the connection stayed busy for the whole wait limit: an overload, answered 503 with Retry-After. */
export class DatabaseBusyError extends OverloadError {
  constructor(waitedMilliseconds: number) {
    super(`the embedded database stayed busy for ${String(waitedMilliseconds)} ms; the statement was not run`);
    this.name = "DatabaseBusyError";
  }
}

/** A first-in, first-out lock over one resource, handed on through `setImmediate`. */
export class YieldingFifoLock {
  #held = false;
  readonly #waiting: { grant(): void }[] = [];

  constructor(private readonly timeoutMilliseconds: number) {}

  /** How many callers are waiting (not counting the holder). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** True while a caller holds the resource or waits for it. */
  get busy(): boolean {
    return this.#held || this.#waiting.length > 0;
  }

  async acquire(): Promise<void> {
    if (!this.#held && this.#waiting.length === 0) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(new DatabaseBusyError(this.timeoutMilliseconds));
      }, this.timeoutMilliseconds);
      this.#waiting.push(waiter);
    });
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) {
      this.#held = false;
      return;
    }
    // Stays held during the hand-over, so a newcomer cannot jump the queue.
    setImmediate(() => next.grant());
  }
}

/** The PGlite adapter, minus Kysely's own mutex: the driver below queues instead. */
class QueuedPGliteAdapter extends PGliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/** Wraps Kysely's PGlite driver: acquiring the connection takes the lock, releasing it hands it on. */
function queuedDriver(inner: Driver, lock: YieldingFifoLock, keepPGliteOpen: boolean): Driver {
  return {
    init: (options) => inner.init(options),
    acquireConnection: async (options): Promise<DatabaseConnection> => {
      await lock.acquire();
      try {
        return await inner.acquireConnection(options);
      } catch (error) {
        lock.release();
        throw error;
      }
    },
    releaseConnection: async (connection, options) => {
      try {
        await inner.releaseConnection(connection, options);
      } finally {
        lock.release();
      }
    },
    beginTransaction: (connection, settings) => inner.beginTransaction(connection, settings),
    commitTransaction: (connection) => inner.commitTransaction(connection),
    rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
    savepoint: savepointCall(inner, "savepoint"),
    rollbackToSavepoint: savepointCall(inner, "rollbackToSavepoint"),
    releaseSavepoint: savepointCall(inner, "releaseSavepoint"),
    destroy: keepPGliteOpen ? () => Promise.resolve() : (options) => inner.destroy(options),
  };
}

type SavepointMethod = "savepoint" | "rollbackToSavepoint" | "releaseSavepoint";

/** Forwards one of the optional savepoint methods, bound to the inner driver. */
function savepointCall(inner: Driver, name: SavepointMethod): NonNullable<Driver[SavepointMethod]> {
  return async (connection, savepointName, compileQuery) => {
    const method = inner[name];
    if (method === undefined) throw new Error(`the PGlite driver has no ${name}`);
    await method.call(inner, connection, savepointName, compileQuery);
  };
}

/**
 * `PGliteDialect` with the queue; `acquireTimeoutMilliseconds` bounds each wait for the connection. With
 * `keepPGliteOpen`, destroying the Kysely instance leaves the PGlite open for its owner to use again (the test
 * suite hands one migrated PGlite from test to test instead of loading a new one for each).
 */
export class QueuedPGliteDialect extends PGliteDialect {
  readonly #lock: YieldingFifoLock;
  readonly #keepPGliteOpen: boolean;

  constructor(
    config: PGliteDialectConfig & { readonly acquireTimeoutMilliseconds: number; readonly keepPGliteOpen?: boolean },
  ) {
    super(config);
    this.#lock = new YieldingFifoLock(config.acquireTimeoutMilliseconds);
    this.#keepPGliteOpen = config.keepPGliteOpen ?? false;
  }

  /** Statements waiting for the connection now: the backlog the pages shed new requests on. */
  get waiting(): number {
    return this.#lock.waiting;
  }

  /** True while a statement holds the connection or waits for it. */
  get busy(): boolean {
    return this.#lock.busy;
  }

  override createAdapter(): DialectAdapter {
    return new QueuedPGliteAdapter();
  }

  override createDriver(): Driver {
    return queuedDriver(super.createDriver(), this.#lock, this.#keepPGliteOpen);
  }
}
