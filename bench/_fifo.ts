// @ts-nocheck
import { ConnectionMutex } from "../node_modules/kysely/dist/driver/connection-mutex.js";
const state = new WeakMap();
ConnectionMutex.prototype.obtainLock = function () {
  let s = state.get(this);
  if (!s) {
    s = { locked: false, queue: [] };
    state.set(this, s);
  }
  if (!s.locked) {
    s.locked = true;
    return Promise.resolve();
  }
  return new Promise((resolve) => s.queue.push(resolve));
};
ConnectionMutex.prototype.releaseLock = function () {
  const s = state.get(this);
  const next = s.queue.shift();
  if (next) next();
  else s.locked = false;
};
console.error("FIFO mutex patched");
