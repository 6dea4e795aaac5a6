import { EventEmitter } from 'node:events';

/**
 * Tells whoever shows a live round (big screen, audience view, MC console) that the round changed.
 * Services commit first, then call `changed(roundId)`; listeners re-read what they show. A change
 * carries no data, so a listener never sees state that was not committed.
 *
 * This bus delivers within one process (the embedded database runs one instance). With several
 * instances on PostgreSQL the change must also reach the other processes.
 */
export class LiveBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per connected screen group, not per viewer; still, no warning at 10.
    this.emitter.setMaxListeners(0);
  }

  changed(roundId: string): void {
    this.emitter.emit(roundId, roundId);
  }

  /** Calls `listener` after each change of the round; returns the unsubscribe function. */
  subscribe(roundId: string, listener: (roundId: string) => void): () => void {
    this.emitter.on(roundId, listener);
    return () => this.emitter.off(roundId, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
