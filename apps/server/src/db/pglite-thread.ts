import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';

/**
 * PGlite in a worker thread. In the app's own thread, every query's planning and execution ran on
 * the event loop: while the database worked, no request could be parsed, authorised or answered,
 * so on a two-core server one core sat idle and every response waited behind every query. Here the
 * database has a thread (and a core) of its own, as a PostgreSQL server has a process.
 *
 * The node-postgres side speaks the wire protocol: messages are collected until node-postgres asks
 * for an answer (Sync, Flush or a simple Query), sent to the thread as bytes in one round trip, and
 * the answer's bytes are parsed back into protocol messages here.
 */
export class PgliteThread {
  #worker!: Worker;
  readonly #pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  /** Settles when the thread has opened the database; calls wait for it (also across a restart). */
  ready!: Promise<void>;

  constructor(
    private readonly location: string,
    private readonly settings: string[],
    /** A dumped data directory to start from (see `dump`); only for the first start. */
    private template?: Uint8Array,
  ) {
    this.#spawn();
  }

  #spawn() {
    const worker = new Worker(new URL('./pglite-host.mjs', import.meta.url), {
      workerData: { location: this.location, settings: this.settings, template: this.template },
    });
    this.template = undefined;
    this.#worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onReady = (msg: { type?: string }) => {
        if (msg.type !== 'ready') return;
        worker.off('message', onReady);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('error', reject);
    });
    worker.on('message', (msg: { id?: number; bytes?: Uint8Array; error?: string; heapUsed?: number }) => {
      const waiter = msg.id === undefined ? undefined : this.#pending.get(msg.id);
      if (!waiter) return;
      this.#pending.delete(msg.id!);
      if (msg.error !== undefined) waiter.reject(new Error(msg.error));
      else if (msg.heapUsed !== undefined)
        waiter.resolve(new Uint8Array(new Float64Array([msg.heapUsed]).buffer));
      else waiter.resolve(msg.bytes ?? new Uint8Array());
    });
    worker.on('error', (err) => this.#failAll(err));
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#failAll(new Error(`内置数据库线程已退出（${code}）`));
    });
  }

  #failAll(err: Error) {
    for (const waiter of this.#pending.values()) waiter.reject(err);
    this.#pending.clear();
  }

  async #call(
    message: { type: 'exec'; bytes: Uint8Array } | { type: 'close' } | { type: 'heap' } | { type: 'dump' },
  ): Promise<Uint8Array> {
    await this.ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage(
        { ...message, id },
        message.type === 'exec' ? [message.bytes.buffer as ArrayBuffer] : [],
      );
    });
  }

  exec(bytes: Uint8Array): Promise<Uint8Array> {
    return this.#call({ type: 'exec', bytes });
  }

  /** The thread's JavaScript heap after a full collection, in bytes (tests: nothing kept per statement). */
  async heapUsed(): Promise<number> {
    const bytes = await this.#call({ type: 'heap' });
    return new Float64Array(bytes.buffer, bytes.byteOffset, 1)[0]!;
  }

  /** The whole data directory as an uncompressed tar, to start other databases from (tests). */
  dump(): Promise<Uint8Array> {
    return this.#call({ type: 'dump' });
  }

  /**
   * Closes the database and opens it again in a new thread. Creating a data directory (initdb) and
   * seeding the demo leave hundreds of MB behind in the thread's heap and WebAssembly instances that
   * no collection hands back; ending the thread does. Only while nothing else uses the database
   * (start-up, before the server listens): the new thread is a new session.
   */
  async restart(): Promise<void> {
    await this.close();
    this.#spawn();
    await this.ready;
  }

  async close(): Promise<void> {
    await this.#call({ type: 'close' });
    await this.#worker.terminate();
  }

  /** What node-postgres's Pool takes in place of host and port. */
  pgConfig() {
    return {
      host: 'localhost',
      port: 5432,
      user: 'postgres',
      password: 'dummy',
      database: 'postgres',
      connection: new ThreadConnection(this),
    };
  }
}

type Serialized = Buffer | Uint8Array;

/** The `connection` node-postgres's Client drives, backed by the database thread. */
class ThreadConnection extends EventEmitter {
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, unknown> = {};
  readonly stream = { destroy: () => this.end() };
  _connecting = false;
  #queued: Serialized[] = [];
  #chain: Promise<unknown>;
  #emitRaw = false;

  constructor(private readonly thread: PgliteThread) {
    super();
    this.#chain = thread.ready;
    this.on('newListener', (name) => {
      if (name === 'message') this.#emitRaw = true;
    });
  }

  connect() {
    this._connecting = true;
    void this.#chain.then(() => process.nextTick(() => this.emit('readyForQuery')));
  }

  #add(message: Serialized, send: boolean) {
    this.#queued.push(message);
    if (send) this.#send();
  }

  #send() {
    const parts = this.#queued;
    this.#queued = [];
    // A fresh buffer of its own, since it is transferred: small Buffers share Node's pool.
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.byteLength;
    }
    this.#chain = this.#chain
      .then(() => this.thread.exec(bytes))
      .then((answer) => {
        const parser = new Parser();
        parser.parse(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength), (msg) => {
          if (this.#emitRaw) this.emit('message', msg);
          this.emit(msg.name === 'error' ? 'errorMessage' : msg.name, msg);
        });
      })
      .catch((err: unknown) => this.emit('error', err));
  }

  query(text: string) {
    this.#add(serialize.query(text), true);
  }
  parse(config: Parameters<typeof serialize.parse>[0]) {
    this.#add(serialize.parse(config), false);
  }
  bind(config: Parameters<typeof serialize.bind>[0]) {
    this.#add(serialize.bind(config), false);
  }
  execute(config: Parameters<typeof serialize.execute>[0]) {
    this.#add(serialize.execute(config), false);
  }
  describe(config: Parameters<typeof serialize.describe>[0]) {
    this.#add(serialize.describe(config), false);
  }
  close(config: Parameters<typeof serialize.close>[0]) {
    this.#add(serialize.close(config), false);
  }
  flush() {
    this.#add(serialize.flush(), true);
  }
  sync() {
    this.#add(serialize.sync(), true);
  }
  sendCopyFromChunk(chunk: Buffer) {
    this.#add(serialize.copyData(chunk), false);
  }
  endCopyFrom() {
    this.#add(serialize.copyDone(), true);
  }
  sendCopyFail(message: string) {
    this.#add(serialize.copyFail(message), true);
  }
  end() {
    this.#chain = this.#chain.then(() => this.emit('end'));
    for (const name of this.eventNames()) if (name !== 'newListener') this.removeAllListeners(name);
    this.#emitRaw = false;
  }
  requestSsl() {}
  startup() {}
  cancel() {}
  password() {}
  ref() {}
  unref() {}
}
