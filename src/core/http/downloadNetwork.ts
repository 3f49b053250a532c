// The dispatchers image downloads go through, apart from the API's: one per AddressPolicy, whose
// direct connections resolve names with guardedLookup (refused before connecting). Through a
// proxy the proxy resolves the name; the check before each request (download.ts) still applies.
// `rebuild` follows a change of the network settings as the session's own dispatcher does.
import type { Dispatcher } from 'undici';
import type { LookupFunction } from 'node:net';
import { guardedLookup, systemResolve, type AddressPolicy, type Resolve } from './addressGuard';
import { SwitchingDispatcher } from './switchingDispatcher';

export interface DownloadNetwork {
  readonly resolve: Resolve;
  /** The dispatcher whose connections reach only what `policy` permits. */
  dispatcher(policy: AddressPolicy): Dispatcher;
}

/** Builds a dispatcher whose direct connections use `lookup` (createNetworkDispatcher's third argument). */
export type GuardedBuild = (lookup: LookupFunction) => Dispatcher;

export class GuardedDownloads implements DownloadNetwork {
  private readonly byPolicy = new Map<string, { policy: AddressPolicy; dispatcher: SwitchingDispatcher }>();

  constructor(
    private build: GuardedBuild,
    readonly resolve: Resolve = systemResolve,
  ) {}

  dispatcher(policy: AddressPolicy): Dispatcher {
    let entry = this.byPolicy.get(policy.key);
    if (!entry) {
      entry = { policy, dispatcher: new SwitchingDispatcher(this.build(guardedLookup(policy, this.resolve))) };
      this.byPolicy.set(policy.key, entry);
    }
    return entry.dispatcher;
  }

  /** Later downloads use dispatchers from `build`; those in flight finish on the old ones. */
  rebuild(build: GuardedBuild): void {
    this.build = build;
    for (const { policy, dispatcher } of this.byPolicy.values())
      void dispatcher.switchTo(build(guardedLookup(policy, this.resolve)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.byPolicy.values()].map((e) => e.dispatcher.close()));
  }
}
