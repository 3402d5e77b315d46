// Types for wsrun test scripts: the globals every test file sees, and the modules 'wsrun' and
// 'wsrun/ws'. Written by `wsrun init`; editors use it for completion, and `tsc --noEmit`
// type-checks tests against it. wsrun itself only strips types, it never checks them.
//
// wsrun runs scripts in its own JavaScript engine, not in Node.js or a browser: use this file
// with "lib": ["ES2022"] and "types": [] (as the tsconfig.json `wsrun init` writes does), so
// that the DOM's and Node's declarations of setTimeout, console or fetch do not clash.

declare namespace wsrun {
  type Awaitable<T> = T | PromiseLike<T>;

  // ---- tests -----------------------------------------------------------------------------

  /** Options of test(): a timeout in ms, and how often to rerun the test after a failure. */
  interface TestOptions {
    timeout?: number;
    retries?: number;
  }

  /** Called with an error (or anything but undefined and null), done fails the test. */
  type DoneCallback = (error?: unknown) => void;

  /** A test or hook: may be async; or takes a done callback and ends when it is called. */
  type TestFn = (() => Awaitable<unknown>) | ((done: DoneCallback) => void);

  /** A value that test() and describe() accept as a name: a string, or a named function or class. */
  type Name = string | Function;

  interface Each {
    /** One test per row; a row that is an array is spread into fn's arguments. */
    <T extends readonly unknown[]>(table: readonly T[]): (
      name: string,
      fn: (...row: T) => Awaitable<unknown>,
      timeoutOrOptions?: number | TestOptions,
    ) => void;
    /** One test per row; a row that is an object is passed whole, and fills $key in the name. */
    <T>(table: readonly T[]): (name: string, fn: (row: T) => Awaitable<unknown>, timeoutOrOptions?: number | TestOptions) => void;
    /** As a tag: the first line names the columns (`a | b`), each later line is a row of ${values}. */
    (strings: TemplateStringsArray, ...values: unknown[]): (
      name: string,
      fn: (row: any) => Awaitable<unknown>,
      timeoutOrOptions?: number | TestOptions,
    ) => void;
  }

  /** test.skip and test.only, which have their own .each. */
  interface TestModifier {
    (name: Name, fn?: TestFn, timeoutOrOptions?: number | TestOptions): void;
    each: Each;
  }

  interface TestAPI {
    /** Declares a test. fn may be async; the third argument is a timeout in ms or options. */
    (name: Name, fn?: TestFn, timeoutOrOptions?: number | TestOptions): void;
    /** Declares a test that does not run; it is counted as skipped. */
    skip: TestModifier;
    /** Declares a test that runs alone: only .only tests, of every file, run. */
    only: TestModifier;
    /** Declares a test still to be written (no function); counted as skipped, shown as todo. */
    todo(name: Name): void;
    /** Declares one test per row of table: test.each(rows)(name, fn). */
    each: Each;
  }

  interface DescribeEach {
    <T extends readonly unknown[]>(table: readonly T[]): (name: string, fn: (...row: T) => void) => void;
    <T>(table: readonly T[]): (name: string, fn: (row: T) => void) => void;
    (strings: TemplateStringsArray, ...values: unknown[]): (name: string, fn: (row: any) => void) => void;
  }

  /** describe.skip and describe.only, which have their own .each. */
  interface DescribeModifier {
    (name: Name, fn: () => void): void;
    each: DescribeEach;
  }

  interface DescribeAPI {
    /** Groups tests; fn runs at once, while the file loads, and must not be async. */
    (name: Name, fn: () => void): void;
    skip: DescribeModifier;
    only: DescribeModifier;
    each: DescribeEach;
  }

  /** beforeAll, afterAll, beforeEach and afterEach: fn and an optional timeout in ms. */
  type Hook = (fn: TestFn, timeout?: number) => void;

  // ---- expect ----------------------------------------------------------------------------

  /** A matcher that stands for a set of values inside toEqual, toMatchObject and ws matchers. */
  interface AsymmetricMatcher {
    asymmetricMatch(other: unknown): boolean;
    toString(): string;
  }

  interface Matchers<R> {
    /** Inverts the matcher that follows. */
    readonly not: Matchers<R>;
    /** Awaits the promise and applies the matcher to its value. */
    readonly resolves: Matchers<Promise<void>>;
    /** Awaits the promise and applies the matcher to its rejection reason. */
    readonly rejects: Matchers<Promise<void>>;

    /** Object.is equality. */
    toBe(expected: unknown): R;
    /** Deep equality, ignoring undefined properties. */
    toEqual(expected: unknown): R;
    /** Deep equality, including undefined properties and types. */
    toStrictEqual(expected: unknown): R;
    /** The received object has the properties of expected, recursively. */
    toMatchObject(expected: object | readonly object[]): R;
    /** An array or string contains the item, by ===. */
    toContain(item: unknown): R;
    /** An array contains the item, by deep equality. */
    toContainEqual(item: unknown): R;
    /** A string matches the RegExp, or contains the string. */
    toMatch(expected: RegExp | string): R;
    /** .length is n. */
    toHaveLength(n: number): R;
    /** The property at the path exists (and equals value). */
    toHaveProperty(path: string | readonly (string | number)[], value?: unknown): R;
    toBeTruthy(): R;
    toBeFalsy(): R;
    toBeNull(): R;
    toBeUndefined(): R;
    toBeDefined(): R;
    toBeNaN(): R;
    toBeGreaterThan(n: number | bigint): R;
    toBeGreaterThanOrEqual(n: number | bigint): R;
    toBeLessThan(n: number | bigint): R;
    toBeLessThanOrEqual(n: number | bigint): R;
    /** Equal to digits decimal places (default 2). */
    toBeCloseTo(n: number, digits?: number): R;
    toBeInstanceOf(ctor: Function): R;
    /** The function throws; expected is a substring, a RegExp, an Error class or an error. */
    toThrow(expected?: string | RegExp | Function | Error): R;
    /** The same as toThrow. */
    toThrowError(expected?: string | RegExp | Function | Error): R;
    /** The mock function was called at least once. */
    toHaveBeenCalled(): R;
    /** The mock function was called exactly n times. */
    toHaveBeenCalledTimes(n: number): R;
    /** Some call's arguments equal args (as toEqual; asymmetric matchers allowed). */
    toHaveBeenCalledWith(...args: unknown[]): R;
    /** The last call's arguments equal args. */
    toHaveBeenLastCalledWith(...args: unknown[]): R;
    /** The nth call's arguments (n from 1) equal args. */
    toHaveBeenNthCalledWith(n: number, ...args: unknown[]): R;
    /** The mock function returned (did not throw) at least once. */
    toHaveReturned(): R;
    /** The mock function returned exactly n times. */
    toHaveReturnedTimes(n: number): R;
    /** Some call returned a value equal to value. */
    toHaveReturnedWith(value: unknown): R;
    /** The last call returned a value equal to value. */
    toHaveLastReturnedWith(value: unknown): R;
    /** The nth call (n from 1) returned a value equal to value. */
    toHaveNthReturnedWith(n: number, value: unknown): R;
    /** Jest's older name of toHaveBeenCalled. */
    toBeCalled(): R;
    /** Jest's older name of toHaveBeenCalledTimes. */
    toBeCalledTimes(n: number): R;
    /** Jest's older name of toHaveBeenCalledWith. */
    toBeCalledWith(...args: unknown[]): R;
    /** Jest's older name of toHaveBeenLastCalledWith. */
    lastCalledWith(...args: unknown[]): R;
    /** Jest's older name of toHaveBeenNthCalledWith. */
    nthCalledWith(n: number, ...args: unknown[]): R;
    /** Jest's older name of toHaveReturned. */
    toReturn(): R;
    /** Jest's older name of toHaveReturnedTimes. */
    toReturnTimes(n: number): R;
    /** Jest's older name of toHaveReturnedWith. */
    toReturnWith(value: unknown): R;
    /** Jest's older name of toHaveLastReturnedWith. */
    lastReturnedWith(value: unknown): R;
    /** Jest's older name of toHaveNthReturnedWith. */
    nthReturnedWith(n: number, value: unknown): R;
    /** The value equals the snapshot in __snapshots__/<file>.snap beside the test file. */
    toMatchSnapshot(hint?: string): R;
    /** Asymmetric matchers in propertyMatchers must match; the snapshot stores them in place of the values. */
    toMatchSnapshot(propertyMatchers: object, hint?: string): R;
  }

  /** What a matcher added with expect.extend returns. */
  interface MatcherResult {
    pass: boolean;
    message: () => string;
  }

  /** `this` of a matcher added with expect.extend. */
  interface MatcherContext {
    isNot: boolean;
    promise: string;
    /**
     * Deep equality as toEqual; strict (true) as toStrictEqual. The third argument is Jest's
     * custom testers, accepted for matchers written for Jest and ignored.
     */
    equals(a: unknown, b: unknown, customTesters?: unknown[], strict?: boolean): boolean;
    utils: Record<string, any>;
    [key: string]: any;
  }

  interface AsymmetricMatchers {
    objectContaining(object: object): AsymmetricMatcher;
    arrayContaining(array: readonly unknown[]): AsymmetricMatcher;
    stringContaining(s: string): AsymmetricMatcher;
    stringMatching(re: RegExp | string): AsymmetricMatcher;
    closeTo(n: number, digits?: number): AsymmetricMatcher;
  }

  interface Expect extends AsymmetricMatchers {
    <T>(actual: T): Matchers<void>;
    /** Records a failure and lets the test go on; the test fails at its end. */
    soft<T>(actual: T): Matchers<void>;
    /** Any value made by ctor (or of its primitive type: String, Number, …). */
    any(ctor: Function): AsymmetricMatcher;
    /** Anything but null and undefined. */
    anything(): AsymmetricMatcher;
    /** The negated asymmetric matchers: expect.not.objectContaining(…), … */
    not: AsymmetricMatchers;
    /** The test must run exactly n assertions. */
    assertions(n: number): void;
    /** The test must run at least one assertion. */
    hasAssertions(): void;
    /** Adds matchers, as Jest's expect.extend. */
    extend(matchers: Record<string, (this: MatcherContext, received: any, ...args: any[]) => Awaitable<MatcherResult>>): void;
    getState(): Record<string, any>;
    setState(state: Record<string, any>): void;
  }

  // ---- mock functions --------------------------------------------------------------------

  type Procedure = (...args: any[]) => any;

  /** What one call of a mock function did; 'incomplete' while the call runs. */
  type MockResult<T> =
    | { type: 'return'; value: T }
    | { type: 'throw'; value: unknown }
    | { type: 'incomplete'; value: undefined };

  /** What a mock function recorded, one entry per call, oldest first. */
  interface MockState<T extends Procedure> {
    /** The arguments of each call. */
    calls: Parameters<T>[];
    results: MockResult<ReturnType<T>>[];
    /** this of each call (as in Jest: the new object of a call with new, else the receiver). */
    instances: unknown[];
    /** this of each call. */
    contexts: unknown[];
    /** The place of each call among the calls of every mock of the file, from 1. */
    invocationCallOrder: number[];
    /** The arguments of the last call; undefined before the first. */
    lastCall?: Parameters<T>;
  }

  /** A mock function: callable as T, it records each call and does what it was told. */
  interface Mock<T extends Procedure = Procedure> {
    (...args: Parameters<T>): ReturnType<T>;
    new (...args: Parameters<T>): any;
    readonly mock: MockState<T>;
    /** true: how isMockFunction and the matchers tell a mock function. */
    readonly _isMockFunction: true;
    /** The name failure messages use: set by mockName, else "fn()", "jest.fn()" or "vi.fn()". */
    getMockName(): string;
    mockName(name: string): this;
    getMockImplementation(): T | undefined;
    /** Calls run fn from now on (a spy's starts as the original method). */
    mockImplementation(fn: T): this;
    /** The next call runs fn; several queue up, before mockImplementation's. */
    mockImplementationOnce(fn: T): this;
    mockReturnValue(value: ReturnType<T>): this;
    mockReturnValueOnce(value: ReturnType<T>): this;
    mockResolvedValue(value: Awaited<ReturnType<T>>): this;
    mockResolvedValueOnce(value: Awaited<ReturnType<T>>): this;
    mockRejectedValue(reason: unknown): this;
    mockRejectedValueOnce(reason: unknown): this;
    /** Calls return their this. */
    mockReturnThis(): this;
    /** Forgets the calls (mock.calls, results, …); keeps what the mock does. */
    mockClear(): this;
    /** mockClear, and forgets implementations, return values and the name. */
    mockReset(): this;
    /** mockReset, and a spy puts the original method back. */
    mockRestore(): void;
  }

  /** The names of the methods of O. */
  type MethodKeys<O> = { [K in keyof O]-?: Required<O>[K] extends Procedure ? K : never }[keyof O];

  /** The jest and vi globals. */
  /**
   * Jest's and Vitest's fake timers, module mocking and jest.setTimeout, which wsrun lacks: each
   * throws a TypeError that says so and what to do instead. They are declared deprecated, so that
   * editors strike a call through, and as returning never, since none returns.
   */
  interface MockAPILacking {
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    useFakeTimers(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    useRealTimers(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    advanceTimersByTime(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    advanceTimersByTimeAsync(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    advanceTimersToNextTimer(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    runAllTimers(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    runAllTimersAsync(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    runOnlyPendingTimers(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    runAllTicks(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    clearAllTimers(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    getTimerCount(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    setSystemTime(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    getRealSystemTime(...args: unknown[]): never;
    /** @deprecated wsrun has no fake timers: throws a TypeError. */
    isFakeTimers(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    mock(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    unmock(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    doMock(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    dontMock(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    requireActual(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    requireMock(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    importActual(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    importMock(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    resetModules(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    isolateModules(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    createMockFromModule(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    hoisted(...args: unknown[]): never;
    /** @deprecated wsrun has no module mocking: throws a TypeError. */
    mocked(...args: unknown[]): never;
    /** @deprecated set the timeout with test()'s third argument or wsrun -t: throws a TypeError. */
    setTimeout(...args: unknown[]): never;
  }

  interface MockAPI extends MockAPILacking {
    /** A new mock function running implementation (by default returning undefined). */
    fn<T extends Procedure = Procedure>(implementation?: T): Mock<T>;
    /** Replaces object[method] with a mock function that calls the original; mockRestore puts it back. */
    spyOn<O extends object, K extends MethodKeys<O>>(object: O, method: K): Mock<Extract<Required<O>[K], Procedure>>;
    /** Replaces the getter of object[property] with a mock function that calls it. */
    spyOn<O extends object, K extends keyof O>(object: O, property: K, accessType: 'get'): Mock<() => O[K]>;
    /** Replaces the setter of object[property] with a mock function that calls it. */
    spyOn<O extends object, K extends keyof O>(object: O, property: K, accessType: 'set'): Mock<(value: O[K]) => void>;
    isMockFunction(value: unknown): value is Mock;
    /** mockClear of every mock function. */
    clearAllMocks(): void;
    /** mockReset of every mock function. */
    resetAllMocks(): void;
    /** Puts back every method spyOn replaced. */
    restoreAllMocks(): void;
  }

  // ---- ws --------------------------------------------------------------------------------

  /**
   * What expect*, request and on take to pick messages: an object or array (partial deep match,
   * as toMatchObject), a string (equals the text), a RegExp (tested on the text), a function
   * (truthy matches) or an asymmetric matcher. Omitted: any message.
   */
  type MessageMatcher = object | readonly unknown[] | string | RegExp | ((message: any) => unknown) | AsymmetricMatcher;

  /**
   * A matcher in place of an event name in on(): anything but a string, since a bare string is
   * always an event name. To match a text frame equal to a string, use on('message', text, fn).
   */
  type HandlerMatcher = object | readonly unknown[] | RegExp | ((message: any) => unknown) | AsymmetricMatcher;

  /** The events of on(), once() and off(). */
  type ConnectionEvent = 'message' | 'close' | 'error' | 'ping' | 'pong';

  /** A received or sent message as kept in messages and sent. */
  interface MessageRecord {
    /** The message: parsed JSON, a string, or a Uint8Array for binary frames (sent: what was passed to send). */
    data: any;
    type: 'text' | 'binary';
    /** The frame's text (text frames). */
    text?: string;
    /** When, in ms since the epoch. */
    at: number;
  }

  interface CloseInfo {
    code: number;
    reason: string;
  }

  interface CloseEvent extends CloseInfo {
    wasClean: boolean;
  }

  interface WaitOptions {
    /** ms; default: --expect-timeout (5 s). */
    timeout?: number;
    /** Rejects the wait when the signal aborts (at once if it has), with an Error named after the reason. */
    signal?: AbortSignal;
  }

  interface ExpectNoneOptions {
    /** How long no matching message may arrive, in ms (default 1000). */
    within?: number;
    /** The same as within, when within is not given. */
    timeout?: number;
    /** Rejects the wait when the signal aborts (at once if it has). */
    signal?: AbortSignal;
  }

  interface ExpectCloseOptions extends WaitOptions {
    code?: number;
    reason?: string | RegExp;
  }

  type Parse = 'auto' | 'json' | 'text';

  interface ConnectOptions {
    headers?: Record<string, string>;
    /** Appended to the URL, URL-encoded. */
    query?: Record<string, string | number | boolean>;
    /** Subprotocols to offer. */
    protocols?: string[];
    /** Handshake timeout in ms (default 10000). */
    timeout?: number;
    /** Label in transcripts and messages; default conn1, conn2, … */
    name?: string;
    /** How text frames are delivered (default 'auto': JSON objects and arrays parsed). */
    parse?: Parse;
    /** permessage-deflate (default false). */
    compression?: boolean;
    /** Bytes (default 32 MiB), after permessage-deflate inflation; a bigger message fails the connection with 1009. */
    maxMessageSize?: number;
    /** Bytes of sent data not yet written to the socket (default 64 MiB); past it, send throws. */
    maxBuffered?: number;
    /** Skip TLS certificate checks. */
    insecure?: boolean;
    /** File paths of a private CA and a client certificate. */
    tls?: { ca?: string; cert?: string; key?: string };
    origin?: string;
    /** Messages kept in messages and sent (default 10000). */
    maxHistory?: number;
    /** Unconsumed messages kept for expect* (default 10000). */
    maxInbox?: number;
    /** Rejects, and closes the connection being opened, when the signal aborts. */
    signal?: AbortSignal;
  }

  /** Removes the handler that on() or once() added. */
  type Off = () => void;

  interface Connection {
    /** A string as a text frame, an ArrayBuffer or typed array as binary, anything else as JSON. */
    send(data: unknown): void;
    /** The first not-yet-consumed received message that matches; consumes it. */
    expect<T = any>(matcher?: MessageMatcher, options?: WaitOptions): Promise<T>;
    /** The very next unconsumed message must match. */
    expectNext<T = any>(matcher?: MessageMatcher, options?: WaitOptions): Promise<T>;
    /** All must arrive, in any order; resolves in the matchers' order. */
    expectAll<T extends any[] = any[]>(matchers: readonly MessageMatcher[], options?: WaitOptions): Promise<T>;
    /** Resolves after `within` ms if no matching message arrived; rejects as soon as one does. */
    expectNone(matcher?: MessageMatcher, options?: ExpectNoneOptions): Promise<void>;
    /** Waits for the peer to close; checks code and reason when given. */
    expectClose(options?: ExpectCloseOptions): Promise<CloseInfo>;
    /** send(data), then expect(matcher, options). */
    request<T = any>(data: unknown, matcher?: MessageMatcher, options?: WaitOptions): Promise<T>;
    on(event: 'message', handler: (message: any) => void): Off;
    on(event: 'close', handler: (event: CloseEvent) => void): Off;
    on(event: 'error', handler: (error: Error) => void): Off;
    on(event: 'ping' | 'pong', handler: (payload: Uint8Array) => void): Off;
    /** The handler runs for every message that matches; a string matches a text frame equal to it. */
    on(event: 'message', matcher: MessageMatcher, handler: (message: any) => void): Off;
    /** The handler runs for every message that matches. */
    on(matcher: HandlerMatcher, handler: (message: any) => void): Off;
    once(event: 'message', handler: (message: any) => void): Off;
    once(event: 'close', handler: (event: CloseEvent) => void): Off;
    once(event: 'error', handler: (error: Error) => void): Off;
    once(event: 'ping' | 'pong', handler: (payload: Uint8Array) => void): Off;
    once(event: 'message', matcher: MessageMatcher, handler: (message: any) => void): Off;
    once(matcher: HandlerMatcher, handler: (message: any) => void): Off;
    /** Removes the handlers of fn for the event (matcher handlers count as 'message') or for matchers. */
    off(eventOrMatcher: ConnectionEvent | HandlerMatcher, handler: (...args: any[]) => void): void;
    /**
     * The closing handshake; resolves when done (forced after 2 s). code: 1000, 3000–4999 (or
     * 1001–1003, 1007–1014); reason: at most 123 bytes.
     */
    close(code?: number, reason?: string): Promise<CloseInfo>;
    /** The round-trip time of a ping, in ms. The payload is at most 125 bytes. */
    ping(payload?: string | Uint8Array | ArrayBuffer): Promise<number>;
    /** Every received message, oldest first (at most maxHistory). */
    readonly messages: MessageRecord[];
    /** Every sent message, oldest first (at most maxHistory). */
    readonly sent: MessageRecord[];
    /** The URL, with the query option added. */
    readonly url: string;
    readonly name: string;
    /** The negotiated subprotocol, '' if none. */
    readonly protocol: string;
    /** Handshake response headers (server side: the request's), lower-case keys. */
    readonly headers: Record<string, string>;
    readonly closed: boolean;
    /** Bytes passed to send that are not yet written to the socket, as in browsers. */
    readonly bufferedAmount: number;
    readonly closeCode: number | undefined;
    readonly closeReason: string | undefined;
  }

  /** The Error a refused handshake rejects with. */
  interface HandshakeError extends Error {
    status: number;
    headers: Record<string, string>;
    /** The first 4 KiB of the response body. */
    body: string;
  }

  /** The upgrade request a ws.serve server received. */
  interface ServerRequest {
    url: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
  }

  interface ServeOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    /** Default 127.0.0.1. */
    host?: string;
    /** Default '/'; other paths answer 404. */
    path?: string;
    /** Supported subprotocols. */
    protocols?: string[];
    parse?: Parse;
    /** Bytes (default 32 MiB), after permessage-deflate inflation; a bigger message fails the connection with 1009. */
    maxMessageSize?: number;
    /** Per connection: bytes of sent data not yet written to the socket (default 64 MiB); past it, send throws. */
    maxBuffered?: number;
    /** Per connection: messages kept in messages and sent (default 10000). */
    maxHistory?: number;
    /** Per connection: unconsumed messages kept for expect* (default 10000). */
    maxInbox?: number;
    compression?: boolean;
    /** Label in transcripts; default server, server2, … */
    name?: string;
    /** Return true to accept the upgrade, or { status, body } to refuse it. */
    verify?(req: ServerRequest): Awaitable<boolean | { status: number; body?: string }>;
    /** Answers plain HTTP requests (anything but a WebSocket upgrade, on any path). */
    http?(req: HttpRequest): Awaitable<HttpResponse | void>;
    /** http answers CORS (preflights, Access-Control-Allow-Origin) for pages from other origins; default true under `wsrun serve`, false in tests. */
    cors?: boolean;
  }

  interface HttpRequest extends ServerRequest {
    method: string;
    /** The request body as text (first 1 MiB). */
    body: string;
    /** The body parsed, when it is JSON. */
    json?: any;
  }

  interface HttpResponse {
    /** Default 200. */
    status?: number;
    headers?: Record<string, string>;
    /** A string is sent as is; any other value as JSON. */
    body?: unknown;
  }

  interface Server {
    /** ws://127.0.0.1:PORT/path */
    readonly url: string;
    readonly port: number;
    /** The open server-side connections. */
    readonly connections: Connection[];
    /** The next connection no earlier call returned. */
    expectConnection(options?: WaitOptions): Promise<Connection>;
    /** send(data) on every open connection. */
    broadcast(data: unknown): void;
    /** Stops listening and closes every connection with 1001. */
    close(): Promise<void>;
  }

  type OnConnection = (conn: Connection, req: ServerRequest) => void | Promise<void>;

  interface WsModule {
    /** Opens a client connection. */
    connect(url: string | URL, options?: ConnectOptions): Promise<Connection>;
    /** Starts a scripted server in the same VM. */
    serve(options?: ServeOptions, onConnection?: OnConnection): Promise<Server>;
    serve(onConnection: OnConnection): Promise<Server>;
  }

  // ---- fetch, console, process -----------------------------------------------------------

  interface FetchInit {
    method?: string;
    headers?: Record<string, string>;
    /** A string is sent as is; any other value as JSON. */
    body?: unknown;
    /** Cancels the request when the signal aborts; fetch then rejects with the signal's reason. */
    signal?: AbortSignal;
  }

  interface FetchHeaders {
    get(name: string): string | null;
    has(name: string): boolean;
  }

  interface FetchResponse {
    readonly status: number;
    readonly ok: boolean;
    readonly statusText: string;
    readonly url: string;
    readonly headers: FetchHeaders;
    text(): Promise<string>;
    json<T = any>(): Promise<T>;
  }

  interface Console {
    log(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
    debug(...args: unknown[]): void;
    trace(...args: unknown[]): void;
  }

  interface Process {
    /** The environment, overlaid by --env-file, then -e KEY=VALUE. */
    env: Record<string, string | undefined>;
  }

  type TimerHandler = (...args: any[]) => void;

  // ---- web globals -----------------------------------------------------------------------

  /** A WHATWG URL; every part can be read and set, as in browsers. */
  interface URL {
    href: string;
    readonly origin: string;
    protocol: string;
    username: string;
    password: string;
    host: string;
    hostname: string;
    port: string;
    pathname: string;
    search: string;
    /** The query as a live URLSearchParams: changing it changes href. */
    readonly searchParams: URLSearchParams;
    hash: string;
    toString(): string;
    toJSON(): string;
  }

  interface URLConstructor {
    /** Throws a TypeError when url, resolved against base, is not a valid URL. */
    new (url: string | URL, base?: string | URL): URL;
    canParse(url: string | URL, base?: string | URL): boolean;
    /** The URL, or null where the constructor would throw. */
    parse(url: string | URL, base?: string | URL): URL | null;
    readonly prototype: URL;
  }

  interface URLSearchParams {
    readonly size: number;
    append(name: string, value: string): void;
    delete(name: string, value?: string): void;
    get(name: string): string | null;
    getAll(name: string): string[];
    has(name: string, value?: string): boolean;
    set(name: string, value: string): void;
    sort(): void;
    forEach(callback: (value: string, name: string, params: URLSearchParams) => void, thisArg?: unknown): void;
    entries(): IterableIterator<[string, string]>;
    keys(): IterableIterator<string>;
    values(): IterableIterator<string>;
    [Symbol.iterator](): IterableIterator<[string, string]>;
    /** application/x-www-form-urlencoded, without a leading '?'. */
    toString(): string;
  }

  interface URLSearchParamsConstructor {
    new (init?: string | Iterable<readonly [string, string]> | Record<string, string> | URLSearchParams): URLSearchParams;
    readonly prototype: URLSearchParams;
  }

  interface TextEncoder {
    readonly encoding: 'utf-8';
    /** UTF-8; a lone surrogate becomes U+FFFD. */
    encode(input?: string): Uint8Array;
    encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
  }

  interface TextEncoderConstructor {
    new (): TextEncoder;
    readonly prototype: TextEncoder;
  }

  interface TextDecoderOptions {
    /** Throw a TypeError on malformed input instead of decoding it as U+FFFD. */
    fatal?: boolean;
    /** Keep a leading byte order mark. */
    ignoreBOM?: boolean;
  }

  interface TextDecoder {
    readonly encoding: 'utf-8';
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
    /** With { stream: true }, a sequence split between calls is decoded when it completes. */
    decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
  }

  interface TextDecoderConstructor {
    /** label: 'utf-8' (or one of its aliases); wsrun decodes UTF-8 only. */
    new (label?: string, options?: TextDecoderOptions): TextDecoder;
    readonly prototype: TextDecoder;
  }

  interface AbortSignal {
    readonly aborted: boolean;
    /** Why it aborted: abort()'s argument, or an AbortError or TimeoutError DOMException. */
    readonly reason: any;
    throwIfAborted(): void;
    onabort: ((this: AbortSignal, event: AbortEvent) => unknown) | null;
    addEventListener(type: 'abort', listener: (this: AbortSignal, event: AbortEvent) => unknown, options?: boolean | { once?: boolean; signal?: AbortSignal }): void;
    removeEventListener(type: 'abort', listener: (this: AbortSignal, event: AbortEvent) => unknown, options?: boolean | { capture?: boolean }): void;
    dispatchEvent(event: { type: string }): boolean;
  }

  interface AbortEvent {
    readonly type: 'abort';
    readonly target: AbortSignal;
    readonly currentTarget: AbortSignal;
    readonly timeStamp: number;
  }

  interface AbortSignalConstructor {
    /** A signal aborted already. */
    abort(reason?: unknown): AbortSignal;
    /** A signal that aborts with a TimeoutError DOMException after ms. */
    timeout(ms: number): AbortSignal;
    /** A signal that aborts as soon as one of signals does, with its reason. */
    any(signals: Iterable<AbortSignal>): AbortSignal;
    readonly prototype: AbortSignal;
  }

  interface AbortController {
    readonly signal: AbortSignal;
    abort(reason?: unknown): void;
  }

  interface AbortControllerConstructor {
    new (): AbortController;
    readonly prototype: AbortController;
  }

  interface DOMException extends Error {
    /** 'AbortError', 'TimeoutError', 'InvalidCharacterError', 'DataCloneError', … */
    readonly name: string;
    readonly message: string;
    /** The legacy code of the name (20 for AbortError), or 0. */
    readonly code: number;
  }

  interface DOMExceptionConstructor {
    new (message?: string, name?: string): DOMException;
    readonly prototype: DOMException;
    readonly ABORT_ERR: 20;
    readonly TIMEOUT_ERR: 23;
    readonly DATA_CLONE_ERR: 25;
    readonly INVALID_CHARACTER_ERR: 5;
    readonly [name: string]: unknown;
  }

  type IntegerArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

  interface Crypto {
    /** Fills the array with random values (crypto/rand); at most 65536 bytes. */
    getRandomValues<T extends IntegerArray>(array: T): T;
    /** A random version 4 UUID. */
    randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
  }

  interface Performance {
    /** ms since timeOrigin (when the file's VM started), monotonic, sub-millisecond. */
    now(): number;
    /** ms since the epoch. */
    readonly timeOrigin: number;
    toJSON(): { timeOrigin: number };
  }

  interface StructuredSerializeOptions {
    /** Not supported: a non-empty list throws a DataCloneError. */
    transfer?: unknown[];
  }
}

// ---- globals -----------------------------------------------------------------------------

declare var test: wsrun.TestAPI;
declare var it: wsrun.TestAPI;
declare var describe: wsrun.DescribeAPI;
declare var beforeAll: wsrun.Hook;
declare var afterAll: wsrun.Hook;
declare var beforeEach: wsrun.Hook;
declare var afterEach: wsrun.Hook;
declare var expect: wsrun.Expect;
/** Mock functions, as Jest's jest object: jest.fn(), jest.spyOn(), … */
declare var jest: wsrun.MockAPI;
/** Mock functions, as Vitest's vi object: vi.fn(), vi.spyOn(), … */
declare var vi: wsrun.MockAPI;
/** Types of Jest's namespace that tests declare variables with: jest.Mock. */
declare namespace jest {
  type Mock<T extends wsrun.Procedure = wsrun.Procedure> = wsrun.Mock<T>;
}
declare var ws: wsrun.WsModule;
declare function fetch(url: string | URL, init?: wsrun.FetchInit): Promise<wsrun.FetchResponse>;
/** A promise that resolves after ms; its signal rejects it with the signal's reason. */
declare function sleep(ms: number, options?: { signal?: AbortSignal }): Promise<void>;
declare function setTimeout(handler: wsrun.TimerHandler, ms?: number, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(handler: wsrun.TimerHandler, ms?: number, ...args: any[]): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare var console: wsrun.Console;
declare var process: wsrun.Process;

// The web platform's globals, with the browser's behaviour (there is no Buffer or setImmediate).
declare var URL: wsrun.URLConstructor;
type URL = wsrun.URL;
declare var URLSearchParams: wsrun.URLSearchParamsConstructor;
type URLSearchParams = wsrun.URLSearchParams;
declare var TextEncoder: wsrun.TextEncoderConstructor;
type TextEncoder = wsrun.TextEncoder;
declare var TextDecoder: wsrun.TextDecoderConstructor;
type TextDecoder = wsrun.TextDecoder;
declare var AbortController: wsrun.AbortControllerConstructor;
type AbortController = wsrun.AbortController;
declare var AbortSignal: wsrun.AbortSignalConstructor;
type AbortSignal = wsrun.AbortSignal;
declare var DOMException: wsrun.DOMExceptionConstructor;
type DOMException = wsrun.DOMException;
/** Base64 to a string of one code unit per byte; bad input throws an InvalidCharacterError. */
declare function atob(data: string): string;
/** A string whose code units are all below 256 to base64; others throw an InvalidCharacterError. */
declare function btoa(data: string): string;
/** A deep copy by the structured clone algorithm; functions and symbols throw a DataCloneError. */
declare function structuredClone<T>(value: T, options?: wsrun.StructuredSerializeOptions): T;
declare var crypto: wsrun.Crypto;
declare var performance: wsrun.Performance;

// CommonJS files: require of the built-in modules, module and exports.
declare function require(name: 'wsrun'): typeof import('wsrun');
declare function require(name: 'wsrun/ws'): typeof import('wsrun/ws');
declare function require(name: string): any;
declare var module: { exports: any };
declare var exports: any;

// ---- modules -----------------------------------------------------------------------------

declare module 'wsrun' {
  export const test: wsrun.TestAPI;
  export const it: wsrun.TestAPI;
  export const describe: wsrun.DescribeAPI;
  export const beforeAll: wsrun.Hook;
  export const afterAll: wsrun.Hook;
  export const beforeEach: wsrun.Hook;
  export const afterEach: wsrun.Hook;
  export const expect: wsrun.Expect;
  /** A new mock function; the same as jest.fn and vi.fn (no global: import it). */
  export const fn: wsrun.MockAPI['fn'];
  /** Spies on a method; the same as jest.spyOn and vi.spyOn (no global: import it). */
  export const spyOn: wsrun.MockAPI['spyOn'];
  export const jest: wsrun.MockAPI;
  export const vi: wsrun.MockAPI;
  export const ws: wsrun.WsModule;
  export const fetch: typeof globalThis.fetch;
  export const sleep: typeof globalThis.sleep;
  export const setTimeout: typeof globalThis.setTimeout;
  export const clearTimeout: typeof globalThis.clearTimeout;
  export const setInterval: typeof globalThis.setInterval;
  export const clearInterval: typeof globalThis.clearInterval;
  export const queueMicrotask: typeof globalThis.queueMicrotask;
  export const console: wsrun.Console;
  export const process: wsrun.Process;
  export const URL: typeof globalThis.URL;
  export const URLSearchParams: typeof globalThis.URLSearchParams;
  export const TextEncoder: typeof globalThis.TextEncoder;
  export const TextDecoder: typeof globalThis.TextDecoder;
  export const AbortController: typeof globalThis.AbortController;
  export const AbortSignal: typeof globalThis.AbortSignal;
  export const DOMException: typeof globalThis.DOMException;
  export const atob: typeof globalThis.atob;
  export const btoa: typeof globalThis.btoa;
  export const structuredClone: typeof globalThis.structuredClone;
  export const crypto: wsrun.Crypto;
  export const performance: wsrun.Performance;

  export type TestOptions = wsrun.TestOptions;
  export type TestFn = wsrun.TestFn;
  export type DoneCallback = wsrun.DoneCallback;
  export type Matchers<R> = wsrun.Matchers<R>;
  export type AsymmetricMatcher = wsrun.AsymmetricMatcher;
  export type MatcherResult = wsrun.MatcherResult;
  export type Mock<T extends wsrun.Procedure = wsrun.Procedure> = wsrun.Mock<T>;
  export type MockAPI = wsrun.MockAPI;
  export type FetchInit = wsrun.FetchInit;
  export type FetchResponse = wsrun.FetchResponse;
}

/** Vitest's name for 'wsrun': Vitest files run unchanged. */
declare module 'vitest' {
  export * from 'wsrun';
}

/** Jest's name for 'wsrun': Jest files that import their globals run unchanged. */
declare module '@jest/globals' {
  export * from 'wsrun';
}

declare module 'wsrun/ws' {
  export const connect: wsrun.WsModule['connect'];
  export const serve: wsrun.WsModule['serve'];
  /** The module itself: import ws from 'wsrun/ws'. */
  const ws: wsrun.WsModule;
  export default ws;

  export type Connection = wsrun.Connection;
  export type Server = wsrun.Server;
  export type ServerRequest = wsrun.ServerRequest;
  export type ConnectOptions = wsrun.ConnectOptions;
  export type ServeOptions = wsrun.ServeOptions;
  export type MessageMatcher = wsrun.MessageMatcher;
  export type MessageRecord = wsrun.MessageRecord;
  export type CloseInfo = wsrun.CloseInfo;
  export type CloseEvent = wsrun.CloseEvent;
  export type HandshakeError = wsrun.HandshakeError;
  export type OnConnection = wsrun.OnConnection;
}

/** STOMP 1.2 (and 1.1, 1.0) over WebSocket, subprotocol v12.stomp (SPEC §10). */
declare module 'wsrun/stomp' {
  /** Options of stomp.connect; stomp.over takes the same but name and timeout only name the session and bound CONNECTED. */
  export interface StompConnectOptions {
    /** CONNECT's login header. */
    login?: string;
    /** CONNECT's passcode header. */
    passcode?: string;
    /** CONNECT's host header: RabbitMQ's virtual host. Not sent unless given. */
    host?: string;
    /** More CONNECT headers. */
    headers?: Record<string, string | number | boolean>;
    /** [outgoing, incoming] heart-beat wish in ms (default [10000, 10000]; 0 = none). */
    heartbeat?: [number, number];
    /** Handshake and CONNECTED wait, ms. */
    timeout?: number;
    /** Label in transcripts and failure messages. */
    name?: string;
  }

  /** A MESSAGE frame. */
  export interface StompMessage<T = any> {
    /** The frame's headers, unescaped (destination, message-id, redelivered, …). */
    headers: Record<string, string>;
    /** The body as text. */
    body: string;
    /** The body parsed, when it is JSON; matchers then see this instead of body. */
    json?: T;
    /** ACK (ack: 'client' or 'client-individual'); { receipt: true } waits for the RECEIPT. */
    ack(headers?: Record<string, string | number | boolean>): Promise<void>;
    /** NACK: the broker redelivers or dead-letters the message (STOMP 1.1+). */
    nack(headers?: Record<string, string | number | boolean>): Promise<void>;
  }

  export interface StompSubscription {
    readonly id: string;
    readonly destination: string;
    readonly ack: 'auto' | 'client' | 'client-individual';
    /** The first unconsumed message whose json (or else body) matches; consumes it. */
    expect<T = any>(matcher?: wsrun.MessageMatcher, options?: wsrun.WaitOptions): Promise<StompMessage<T>>;
    /** Resolves after `within` ms if no matching message arrived; rejects as soon as one does. */
    expectNone(matcher?: wsrun.MessageMatcher, options?: wsrun.ExpectNoneOptions): Promise<void>;
    /** UNSUBSCRIBE, resolved on its RECEIPT; waits on this subscription then fail. */
    unsubscribe(): Promise<void>;
  }

  export interface StompClient {
    /** The WebSocket the session runs on (raw frames, transcript). */
    readonly conn: wsrun.Connection;
    readonly name: string;
    /** The version the broker chose: '1.0', '1.1' or '1.2'. */
    readonly version: string;
    /** CONNECTED's headers (server, session, heart-beat, version). */
    readonly headers: Record<string, string>;
    /** The agreed [outgoing, incoming] heart-beat intervals, ms (0 = none). */
    readonly heartbeat: [number, number];
    /** SUBSCRIBE with a receipt: resolves once the broker has registered it. */
    subscribe(destination: string, options?: { ack?: 'auto' | 'client' | 'client-individual'; headers?: Record<string, string | number | boolean> }): Promise<StompSubscription>;
    /**
     * SEND; a non-string body goes as JSON with content-type application/json. With
     * { receipt: true } (or an id of your own) it resolves on the broker's RECEIPT.
     */
    send(destination: string, body?: unknown, headers?: Record<string, string | number | boolean>): Promise<void>;
    /** DISCONNECT with a receipt, then the socket closes. */
    disconnect(): Promise<void>;
  }

  export interface Stomp {
    /** Opens a WebSocket offering v12.stomp, v11.stomp, v10.stomp and sends CONNECT; rejects with the ERROR frame's message. */
    connect(url: string, options?: StompConnectOptions): Promise<StompClient>;
    /** A STOMP session over a Connection you opened yourself. */
    over(conn: wsrun.Connection, options?: StompConnectOptions): Promise<StompClient>;
  }

  export const stomp: Stomp;
  export default stomp;
}

/**
 * JSON-RPC 2.0 over a WebSocket: import { jsonrpc } from 'wsrun/jsonrpc'.
 *
 * Calls are numbered and their replies matched by id, in whatever order they come. Every wait
 * times out and fails like Connection.expect, and a frame that breaks JSON-RPC 2.0 (not JSON, a
 * wrong "jsonrpc" version, a reply to an id no call waits for) fails the test.
 */
declare module 'wsrun/jsonrpc' {
  /** The error member of a JSON-RPC 2.0 error reply, as the server sent it. */
  export interface ErrorObject {
    code: number;
    message: string;
    data?: unknown;
  }

  /** A call's params: JSON-RPC 2.0 has by-position (an array) and by-name (an object). */
  export type Params = readonly unknown[] | Record<string, unknown>;

  /**
   * What a call rejects with, and a batch gives for an entry, when the server answers with an
   * error: message reads `-32601 Method not found (calling "nope")`; code, data and error
   * (the whole error object) are the server's. Throw one from an on() handler to answer a
   * server request with that error.
   */
  export class RpcError extends Error {
    constructor(error: ErrorObject, call?: { method: string; params?: Params });
    name: 'RpcError';
    code: number;
    data: unknown;
    error: ErrorObject;
    /** The call that got the error, when the client made it. */
    method?: string;
    params?: Params;
  }

  /** One call of a batch: [method, params?], or [method, params, { notify: true }] for a notification. */
  export type BatchEntry =
    | readonly [method: string]
    | readonly [method: string, params: Params | undefined]
    | readonly [method: string, params: Params | undefined, options: { notify?: boolean }];

  export interface Client {
    /** Sends a request; resolves with its result, rejects with an RpcError on an error reply. Timed under the method. */
    call<T = any>(method: string, params?: Params, options?: wsrun.WaitOptions): Promise<T>;
    /** Sends a notification (no id, no reply). */
    notify(method: string, params?: Params): void;
    /**
     * Sends the entries as one batch frame; resolves with one element per entry, in the
     * entries' order: the result, an RpcError for an error reply, undefined for a notification.
     */
    batch(entries: readonly BatchEntry[], options?: wsrun.WaitOptions): Promise<any[]>;
    /** Consumes the first unconsumed server notification of method whose params match; resolves with its params. */
    expectNotification<T = any>(method: string, paramsMatcher?: wsrun.MessageMatcher, options?: wsrun.WaitOptions): Promise<T>;
    /**
     * Runs handler for each server notification of method (observing: expectNotification still
     * sees it), and answers each server request of method with the first value a handler
     * returns (awaited; undefined → null). A thrown RpcError is the error answer. A server
     * request no handler takes is answered -32601 Method not found.
     */
    on(method: string, handler: (params: any) => unknown): wsrun.Off;
    close(code?: number, reason?: string): Promise<wsrun.CloseInfo>;
    /** The Connection the client speaks over. */
    readonly conn: wsrun.Connection;
  }

  export interface OverOptions {
    /** Starts failure messages; default: the Connection's name. */
    name?: string;
  }

  export interface JsonRpcModule {
    /** Opens a WebSocket (ws.connect's options) and speaks JSON-RPC 2.0 over it. */
    connect(url: string, options?: wsrun.ConnectOptions): Promise<Client>;
    /** Speaks JSON-RPC 2.0 over an open Connection: a ws.serve side, or one with a special handshake. */
    over(conn: wsrun.Connection, options?: OverOptions): Client;
    RpcError: typeof RpcError;
  }

  export const jsonrpc: JsonRpcModule;
  export default jsonrpc;
}

declare module 'wsrun/graphql' {
  /** The subprotocols: graphql-ws's graphql-transport-ws, or subscriptions-transport-ws's legacy graphql-ws. */
  export type Protocol = 'graphql-transport-ws' | 'graphql-ws';

  /** A GraphQL error as servers send it. */
  export interface GraphQLError {
    message: string;
    locations?: { line: number; column: number }[];
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
    [key: string]: unknown;
  }

  /** What a query resolves with, and what a subscription's expect() sees and resolves with. */
  export interface ExecutionResult<TData = any> {
    data?: TData | null;
    errors?: GraphQLError[];
    extensions?: Record<string, unknown>;
  }

  export interface ConnectOptions {
    /** The connection_init payload (auth tokens and the like). */
    connectionParams?: Record<string, unknown>;
    /** Speak only this protocol; by default both are offered and the server picks. */
    protocol?: Protocol;
    /** Handshake headers. */
    headers?: Record<string, string>;
    /** Ms for the WebSocket handshake, then again for connection_ack (default 10000). */
    timeout?: number;
    /** Label in transcripts and messages; default conn1, conn2, … */
    name?: string;
  }

  export interface OverOptions {
    connectionParams?: Record<string, unknown>;
    /** Default: the connection's negotiated subprotocol, else graphql-transport-ws. */
    protocol?: Protocol;
    /** Ms to wait for connection_ack (default 10000). */
    timeout?: number;
  }

  export interface QueryOptions {
    /** Sent to the server, and names the operation in the latency table. */
    operationName?: string;
    /** Ms to wait for the result (default --expect-timeout). */
    timeout?: number;
  }

  export interface Subscription {
    /** The first unconsumed next payload that matches (partially, as toMatchObject) `{ data, errors }`; consumes it. */
    expect<TData = any>(matcher?: wsrun.MessageMatcher, options?: wsrun.WaitOptions): Promise<ExecutionResult<TData>>;
    /** Resolves after `within` ms (default 1000) unless a matching payload arrives. */
    expectNone(matcher?: wsrun.MessageMatcher, options?: wsrun.ExpectNoneOptions): Promise<void>;
    /** The server completed the subscription. */
    expectComplete(options?: wsrun.WaitOptions): Promise<void>;
    /** The subscription failed: an error message, or a payload with errors and no data. The matcher applies to the errors array. */
    expectError(matcher?: wsrun.MessageMatcher, options?: wsrun.WaitOptions): Promise<GraphQLError[]>;
    /** Tells the server to stop (complete, or stop in the legacy protocol); later expects fail at once. */
    unsubscribe(): void;
  }

  export interface Client {
    /** A query or mutation. GraphQL errors resolve as `{ errors }`; only transport failures and timeouts reject. */
    query<TData = any>(document: string, variables?: Record<string, unknown> | null, options?: QueryOptions): Promise<ExecutionResult<TData>>;
    /** Starts a subscription; its payloads wait in the Subscription until expected. */
    subscribe(document: string, variables?: Record<string, unknown> | null): Subscription;
    /** Closes the connection with 1000 (after connection_terminate in the legacy protocol). */
    close(): Promise<wsrun.CloseInfo>;
    /** The underlying Connection. */
    readonly conn: wsrun.Connection;
  }

  /** What resolvers get besides their arguments. */
  export interface ServeContext {
    /** The client's connection_init payload. */
    connectionParams: Record<string, unknown>;
    req: wsrun.ServerRequest;
  }

  /** A resolver: called with the field's arguments; nested functions on a value are called the same way. */
  export type Resolver = (args: Record<string, any>, ctx: ServeContext) => unknown;

  export interface ServeOptions {
    /** Root fields by root type. A Subscription resolver returns an async iterable (an async generator) or an iterable; each value is one payload of that field. */
    resolvers: {
      Query?: Record<string, Resolver>;
      Mutation?: Record<string, Resolver>;
      Subscription?: Record<string, Resolver>;
    };
    /** Return false to refuse connection_init (4403 Forbidden; legacy: connection_error). */
    onConnect?: (connectionParams: Record<string, unknown>, req: wsrun.ServerRequest) => boolean | void | PromiseLike<boolean | void>;
    /** 0 (the default) picks a free port. */
    port?: number;
    /** Default 127.0.0.1. */
    host?: string;
    /** Default '/graphql'. */
    path?: string;
    /** Label in transcripts. */
    name?: string;
  }

  export interface GraphQLModule {
    /** Connects, sends connection_init and waits for connection_ack; rejects when the server refuses. */
    connect(url: string, options?: ConnectOptions): Promise<Client>;
    /** Speaks GraphQL over a Connection already open (a ws.serve side, special handshakes). */
    over(conn: wsrun.Connection, options?: OverOptions): Promise<Client>;
    /** A mock GraphQL server speaking both protocols, answering from resolvers (no schema: values are cut to the selection, types are not checked). */
    serve(options: ServeOptions): Promise<wsrun.Server>;
  }

  export const graphql: GraphQLModule;
  export default graphql;
}

declare module 'wsrun/socketio' {
  /** Options of socketio.connect. */
  export interface ConnectOptions {
    /** Engine.IO's path on the server (default '/socket.io/'). */
    path?: string;
    /** The namespace to connect (default '/', or the URL's path as in io('http://host/admin')). */
    namespace?: string;
    /** The CONNECT packet's payload, which the server reads as socket.handshake.auth. */
    auth?: Record<string, unknown>;
    /** Added to the handshake URL's query, beside EIO=4&transport=websocket. */
    query?: Record<string, string | number | boolean>;
    headers?: Record<string, string>;
    /** ms for the WebSocket handshake and for the server's answer to CONNECT (default: --expect-timeout). */
    timeout?: number;
    /** Label in transcripts and failure messages (default conn1, conn2, …; namespaces add theirs: conn1/admin). */
    name?: string;
  }

  /** Options of socketio.over: connect a namespace on a Connection the script opened. */
  export interface OverOptions {
    namespace?: string;
    auth?: Record<string, unknown>;
    timeout?: number;
    name?: string;
  }

  /** Options of socket.of: another namespace over the same connection. */
  export interface NamespaceOptions {
    auth?: Record<string, unknown>;
    timeout?: number;
    name?: string;
  }

  /** socket.io-client's disconnect reasons. */
  export type DisconnectReason = 'io server disconnect' | 'io client disconnect' | 'transport close' | 'ping timeout' | 'parse error';

  /** An array matcher over an event's arguments (partial deep match, asymmetric matchers allowed), or any message matcher. */
  export type ArgsMatcher = readonly unknown[] | wsrun.MessageMatcher;

  /** What socket.timeout(ms) returns: emit and emitWithAck with that ack timeout. */
  export interface TimedEmitter {
    /** With a trailing callback, calls it as callback(err, ...ackArgs): err is an Error('operation has timed out') when no ack came in time, an Error('socket has been disconnected') when the socket disconnected first, else null. */
    emit(event: string, ...args: unknown[]): Socket;
    /** Rejects when the ack does not come within the timeout, saying what arrived instead. */
    emitWithAck<T = any>(event: string, ...args: unknown[]): Promise<T>;
  }

  /** A Socket.IO socket: one namespace on one Engine.IO connection. */
  export interface Socket {
    /** The namespace's socket id (the server's socket.id); undefined until connected. */
    readonly id: string | undefined;
    readonly connected: boolean;
    readonly namespace: string;
    /** The underlying Connection: its transcript, messages, close(). */
    readonly conn: wsrun.Connection;
    /** Sends an event; Uint8Array/ArrayBuffer arguments (anywhere inside) go as attachments. A trailing function is an ack callback, called with the ack's arguments. */
    emit(event: string, ...args: unknown[]): Socket;
    /** Sends an event with an ack id and resolves with the ack's first argument; times out after --expect-timeout. */
    emitWithAck<T = any>(event: string, ...args: unknown[]): Promise<T>;
    /** emit and emitWithAck with an ack timeout of ms, as socket.io-client's socket.timeout(ms). */
    timeout(ms: number): TimedEmitter;
    /**
     * Resolves with the arguments of the first unconsumed `event` whose arguments match, and
     * consumes it; binary arguments arrive as Uint8Array. When the server asked for an ack, the
     * ack function follows the arguments (the matcher does not see it).
     */
    expect(event: string, args?: ArgsMatcher, options?: wsrun.WaitOptions): Promise<any[]>;
    /** Resolves when no matching `event` arrives within options.within ms (default 1000). */
    expectNone(event: string, args?: ArgsMatcher, options?: wsrun.ExpectNoneOptions): Promise<void>;
    /** Resolves when the socket disconnects (with that reason, when given). */
    expectDisconnect(options?: { reason?: DisconnectReason | string | RegExp; timeout?: number }): Promise<{ reason: DisconnectReason }>;
    /** Calls handler with each `event`'s arguments (then the ack function when the server asked for one); 'disconnect' gets the reason. */
    on(event: string, handler: (...args: any[]) => unknown): () => void;
    /** Connects another namespace over the same connection. */
    of(namespace: string, options?: NamespaceOptions): Promise<Socket>;
    /** Sends DISCONNECT and, once no namespace uses it, closes the connection socketio.connect (or socketio.serve) opened. */
    close(): Promise<void>;
    /** Server side (socketio.serve): what the client sent when it connected; undefined on the client side. */
    readonly handshake: Handshake | undefined;
  }

  /** What a client sent when it connected a namespace (server side). */
  export interface Handshake {
    url: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    /** The CONNECT packet's payload (socket.io-client's auth option). */
    auth: Record<string, any>;
    namespace: string;
  }

  /** Options of socketio.serve. */
  export interface ServeOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    /** Default 127.0.0.1. */
    host?: string;
    /** Engine.IO's path (default '/socket.io/'). */
    path?: string;
    /** Label in transcripts. */
    name?: string;
    /** ms between the server's pings (default 25000). */
    pingInterval?: number;
    /** ms the client has to answer a ping (default 20000). */
    pingTimeout?: number;
    /** Announced in the open packet (default 1000000). */
    maxPayload?: number;
    /** The namespaces clients may connect (default: any); others get CONNECT_ERROR 'Invalid namespace'. */
    namespaces?: string[];
    /** true accepts a namespace's CONNECT; false, a message or { message, data } refuses it with CONNECT_ERROR (a throw refuses with its message). */
    authorize?(auth: Record<string, any>, handshake: Handshake): boolean | string | { message: string; data?: unknown } | PromiseLike<boolean | string | { message: string; data?: unknown }>;
  }

  /** A server from socketio.serve. */
  export interface Server {
    /** http://127.0.0.1:PORT, what socketio.connect and socket.io-client's io() take. */
    readonly url: string;
    readonly port: number;
    /** The connected sockets, every namespace. */
    readonly sockets: Socket[];
    /** Sends an event to every connected socket of the default namespace, as io.emit does. */
    emit(event: string, ...args: unknown[]): void;
    /** Stops listening and closes every connection with 1001. */
    close(): Promise<void>;
  }

  export interface SocketIO {
    /**
     * Opens the Engine.IO v4 WebSocket (/socket.io/?EIO=4&transport=websocket) and connects the
     * namespace with `auth`; rejects with the server's CONNECT_ERROR message (e.g. 'not authorized').
     * url: http(s):// or ws(s)://host[:port][/namespace].
     */
    connect(url: string, options?: ConnectOptions): Promise<Socket>;
    /** Speaks Socket.IO on a Connection the script opened itself (to ...?EIO=4&transport=websocket); close() leaves it open. */
    over(conn: wsrun.Connection, options?: OverOptions): Promise<Socket>;
    /**
     * Starts a Socket.IO server (Engine.IO v4 over WebSocket only: socket.io-client needs
     * transports: ['websocket']) for mocks and self-contained suites; onConnection gets each
     * socket a client connected, with the same API as the client's.
     */
    serve(options?: ServeOptions, onConnection?: (socket: Socket, handshake: Handshake) => void | Promise<void>): Promise<Server>;
    serve(onConnection: (socket: Socket, handshake: Handshake) => void | Promise<void>): Promise<Server>;
  }

  export const socketio: SocketIO;
  export default socketio;
}
