import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection, once, after start-up. Creating the embedded database on an empty data
 * directory runs initdb in its own WebAssembly instance and the demo seeding builds thousands of
 * rows in JavaScript: several hundred MB that are garbage once the server listens, but an idle
 * process rarely triggers the major collection that returns them to the operating system.
 */
export function collectStartupGarbage(): void {
  try {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
  } catch {
    // Only memory is at stake: an engine without the flag collects in its own time.
  }
}
